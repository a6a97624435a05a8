/**
 * npx tsx scripts/make-sample-images.ts — redraws the sample documents' pictures as SVG stand-ins under
 * stories/assets/images/ with their manifest (stories/sample-image-art.ts). Deterministic.
 */
import { drawSampleImages } from '../stories/sample-image-art';

const { count, dir } = drawSampleImages();
process.stdout.write(`${count} images written to ${dir}/\n`);
