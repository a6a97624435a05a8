/**
 * The store's schema, as numbered migrations. Each runs once, in its own transaction, recorded in
 * `schema_migrations`; `migrate()` takes an advisory lock first, so two processes opening one database at the
 * same moment take turns instead of racing. Append new migrations; never edit one that has shipped.
 */
export type Migration = Readonly<{ version: number; name: string; sql: string }>;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'orders, steps, batches, suppressions, events',
    sql: `
      CREATE TABLE orders (
        id             text PRIMARY KEY,
        -- The validated order document, kept once per order: every step's email is rendered from it (rendering is
        -- deterministic), so the store never holds 70,000 copies of HTML. NULL only for steps imported from an
        -- old ledger.jsonl, whose payloads are kept on the step instead.
        document       jsonb,
        customer_email text NOT NULL,
        placed_at      timestamptz,
        sequence       text NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX orders_customer_email ON orders (lower(customer_email));

      CREATE TABLE steps (
        -- pp/<order>/d<day>-<template>/<hash of recipient>: one row per order, step and recipient.
        id              text PRIMARY KEY,
        order_id        text NOT NULL REFERENCES orders (id),
        step            integer NOT NULL,
        template        text NOT NULL,
        kind            text NOT NULL,
        day             integer NOT NULL,
        -- planned → sending → sent | scheduled; failed; skipped; cancelled.
        state           text NOT NULL,
        send_at         timestamptz NOT NULL,
        -- The same instant on the customer's clock, with its offset.
        local_time      text NOT NULL,
        -- When the worker hands it to Resend: send_at minus the release window.
        release_at      timestamptz NOT NULL,
        variant         text,
        recipient       text NOT NULL,
        sender          text NOT NULL,
        subject         text,
        idempotency_key text NOT NULL,
        -- The batch the step was last handed to Resend in (its idempotency key); replayed as a whole after a crash.
        batch_key       text,
        scheduled_at    timestamptz,
        resend_id       text,
        reason          text,
        attempts        integer NOT NULL DEFAULT 0,
        lease_until     timestamptz,
        payload         jsonb,
        last_event      text,
        last_event_at   timestamptz,
        sent_at         timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX steps_order ON steps (order_id);
      CREATE INDEX steps_recipient ON steps (lower(recipient));
      CREATE INDEX steps_due ON steps (release_at) WHERE state = 'planned';
      CREATE INDEX steps_sending ON steps (lease_until) WHERE state = 'sending';
      CREATE INDEX steps_batch ON steps (batch_key) WHERE batch_key IS NOT NULL;
      CREATE INDEX steps_resend_id ON steps (resend_id) WHERE resend_id IS NOT NULL;

      CREATE TABLE suppressions (
        email      text PRIMARY KEY,
        scope      text NOT NULL CHECK (scope IN ('marketing', 'all')),
        reason     text,
        source     text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE events (
        -- The sender's own id (a svix-id, a Shopify webhook id) or one we mint: a repeat is applied once.
        id          text PRIMARY KEY,
        source      text NOT NULL,
        type        text NOT NULL,
        payload     jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        outcome     text
      );

      CREATE TABLE store_meta (
        key   text PRIMARY KEY,
        value text NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'what an anchored step counts from',
    sql: `
      -- "5 days after delivery", "fallback: day 14 (…)": shown by status; NULL for a step counted from the order.
      ALTER TABLE steps ADD COLUMN anchor text;
    `,
  },
  {
    version: 3,
    name: 'per-order rules, cancelled orders, the time of day a step asks for',
    sql: `
      -- The frequency rules and the plan's options the order was planned under ({"minGapHours", "quietHours",
      -- "onNewOrder", "compressMs", "start"}): the worker applies them at release, and a shipment event
      -- re-plans a compressed test send on its compressed calendar. NULL for orders planned before version 3.
      ALTER TABLE orders ADD COLUMN rules jsonb;
      -- "order cancelled" / "order refunded": set once, so a step a worker already claimed is stopped too.
      ALTER TABLE orders ADD COLUMN cancelled text;
      -- The step's local "at" (HH:MM): a deferred step moves to this time of day.
      ALTER TABLE steps ADD COLUMN at text;
    `,
  },
  {
    version: 4,
    name: 'outcomes: deliveries, clicks and opens, attributed orders, feedback',
    sql: `
      -- When Resend said each happened (the first time): the report's delivered / bounced / complained.
      ALTER TABLE steps ADD COLUMN delivered_at timestamptz;
      ALTER TABLE steps ADD COLUMN bounced_at timestamptz;
      ALTER TABLE steps ADD COLUMN complained_at timestamptz;
      -- email.clicked and email.opened, per step. Only the link, the time and the verdict: never the IP address
      -- nor the user agent. An open is recorded and never used to judge anything.
      CREATE TABLE interactions (
        id          text PRIMARY KEY,
        step_id     text,
        email_id    text NOT NULL,
        type        text NOT NULL CHECK (type IN ('click', 'open')),
        link        text,
        at          timestamptz NOT NULL,
        verdict     text CHECK (verdict IN ('human', 'machine')),
        -- Which rule decided the verdict (sending/plan/click-verdict.ts).
        rule        text,
        received_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX interactions_step ON interactions (step_id, at);
      CREATE INDEX interactions_email ON interactions (email_id, at);
      -- An order credited to the step of the last human click before it: once per order.
      CREATE TABLE attributions (
        order_id    text PRIMARY KEY,
        step_id     text NOT NULL,
        template    text NOT NULL,
        variant     text,
        currency    text NOT NULL,
        amount      bigint NOT NULL,
        clicked_at  timestamptz NOT NULL,
        credited_at timestamptz NOT NULL DEFAULT now(),
        -- "order cancelled" / "order refunded": the credit is withdrawn, the row kept.
        withdrawn    text,
        withdrawn_at timestamptz
      );
      CREATE INDEX attributions_step ON attributions (step_id);
      -- A rating answered from a review request: one per step (a later answer replaces it).
      CREATE TABLE feedback (
        step_id     text PRIMARY KEY,
        order_id    text NOT NULL,
        template    text NOT NULL,
        variant     text,
        scale       text NOT NULL CHECK (scale IN ('stars', 'nps')),
        score       integer NOT NULL,
        comment     text,
        tags        jsonb NOT NULL DEFAULT '[]',
        answered_at timestamptz NOT NULL,
        updated_at  timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    version: 5,
    name: 'test sends apart from live orders; the suppressions audit',
    sql: `
      -- A test send is its own order row, keyed 'test:<order id>:<recipient>': test_of names the live order it
      -- copies, test_to the address it goes to. NULL for a live order.
      ALTER TABLE orders ADD COLUMN test_of text;
      ALTER TABLE orders ADD COLUMN test_to text;
      CREATE INDEX orders_test_of ON orders (test_of) WHERE test_of IS NOT NULL;
      -- Reports and outcomes leave test steps out.
      ALTER TABLE steps ADD COLUMN test boolean NOT NULL DEFAULT false;

      -- Test sends recorded before version 5 (steps to another address than the order's customer) become
      -- runs of their own, their step ids kept (so re-running the same command still sends nothing twice).
      INSERT INTO orders (id, document, customer_email, placed_at, sequence, rules, cancelled, test_of, test_to)
      SELECT DISTINCT ON (lower(s.recipient), o.id)
             'test:' || o.id || ':' || lower(s.recipient), o.document, lower(s.recipient), o.placed_at,
             o.sequence, o.rules, o.cancelled, o.id, lower(s.recipient)
      FROM steps s JOIN orders o ON o.id = s.order_id
      WHERE lower(s.recipient) <> lower(o.customer_email)
      ON CONFLICT (id) DO NOTHING;
      UPDATE steps SET order_id = 'test:' || o.id || ':' || lower(steps.recipient), test = true
      FROM orders o
      WHERE o.id = steps.order_id AND o.test_of IS NULL AND lower(steps.recipient) <> lower(o.customer_email);

      -- Who added or removed a suppression, when and why (the console's audit; the CLI records 'cli').
      CREATE TABLE suppression_audit (
        id      bigserial PRIMARY KEY,
        email   text NOT NULL,
        action  text NOT NULL CHECK (action IN ('added', 'removed')),
        scope   text,
        reason  text,
        actor   text NOT NULL,
        at      timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX suppression_audit_email ON suppression_audit (email);
    `,
  },
  {
    version: 6,
    name: 'preferences, preference-link requests, marketing complaints',
    sql: `
      -- What an address chose at /preferences (the lower-cased address; no row: everything on). Honoured at
      -- release: a topic off or a pause stops its marketing steps, as a suppression does.
      CREATE TABLE preferences (
        email        text PRIMARY KEY,
        -- Topics switched off: reviews, offers, referral, thanks.
        topics_off   text[] NOT NULL DEFAULT '{}',
        -- Marketing pauses until this day (the customer's calendar): steps on that day go again.
        paused_until date,
        no_marketing boolean NOT NULL DEFAULT false,
        updated_at   timestamptz NOT NULL DEFAULT now()
      );

      -- Each request for a preferences link by email, known address or not: at most 3 per address per hour.
      CREATE TABLE link_requests (
        email        text NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX link_requests_email ON link_requests (email, requested_at);

      -- The complaint guardrail counts the last 24 h of Resend's delivered and complained events.
      CREATE INDEX events_resend_recent ON events (received_at)
        WHERE source = 'resend' AND type IN ('email.delivered', 'email.complained');
    `,
  },
  {
    version: 7,
    name: 'A/B tests and their decisions',
    sql: `
      -- One row per A/B test (a sequence's step): when the engine first saw it, the last look it judged, and the
      -- decision, recorded once (decided_at set) with its figures and reason. winner NULL with decided_at set:
      -- no winner, the split goes on (fallback keep-split).
      CREATE TABLE ab_tests (
        sequence    text NOT NULL,
        test        text NOT NULL,
        metric      text NOT NULL,
        started_at  timestamptz NOT NULL,
        last_look   integer NOT NULL DEFAULT -1,
        winner      text,
        probability double precision,
        reason      text,
        figures     jsonb,
        decided_at  timestamptz,
        PRIMARY KEY (sequence, test)
      );
    `,
  },
  {
    version: 8,
    name: 'the schema that validated each order document',
    sql: `
      -- The fingerprint of the order-document schema that passed the document (its rules' revision and a digest
      -- of its JSON Schema): at release a document written under today's schema is rendered without a second
      -- parse; older rows (NULL) and rows written under another schema are validated again.
      ALTER TABLE orders ADD COLUMN document_schema text;
    `,
  },
  {
    version: 9,
    name: 'stops left to the worker',
    sql: `
      -- A cancellation, suppression or newer order recorded while answering a request: the scheduled email is
      -- cancelled at Resend by the worker, not inside the request. {"state": ..., "reason": ...} until then.
      ALTER TABLE steps ADD COLUMN stop_wanted jsonb;
      CREATE INDEX steps_stop_wanted ON steps (send_at) WHERE stop_wanted IS NOT NULL;
    `,
  },
];
