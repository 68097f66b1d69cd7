// The benchmarks' COPY baseline uses the product's own COPY writer.
export { copyRows } from '../../../src/common/copy-rows.js';
