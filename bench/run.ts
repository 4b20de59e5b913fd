// `npm run bench`: benchmarks print ratios against a named baseline run in the same process, so the numbers
// compare like with like on whatever machine runs them. Timed assertions belong here, never in tests.
import { benchSampleList } from './sample-list.bench.js';
import { benchListmode } from './listmode.bench.js';
import { benchFcs } from './fcs.bench.js';

const benches = [benchSampleList, benchListmode, benchFcs];
for (const bench of benches) {
  const result = await bench();
  console.log(`\n${result.name}`);
  for (const line of result.lines) console.log(`  ${line}`);
}
