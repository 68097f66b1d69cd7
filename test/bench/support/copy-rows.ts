// The benchmarks' COPY baseline uses the product's own COPY writer.
export { copyRows } from '../../../src/database/copy-rows.js';
