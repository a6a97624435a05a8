/**
 * npm run check [-- --json] [--only <template>[,<template>]] [--no-screenshots] [--no-browser]
 * The email quality gate (quality/): client compatibility (caniemail), validity (html-validate),
 * accessibility (axe-core in Chromium, light and dark), size, compliance, and screenshots, over every
 * template × locale × state in the registry. Exit 0 when nothing fails, 1 on any failure, 2 on bad usage.
 */
import { checkCommand } from '../quality/check-command';

process.exitCode = await checkCommand(process.argv.slice(2), { tty: process.stderr.isTTY });
