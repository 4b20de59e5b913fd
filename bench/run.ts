// `npm run bench`: benchmarks print ratios against a named baseline run in the same process, so the numbers
// compare like with like on whatever machine runs them. Timed assertions belong here, never in tests.
import { benchSampleList } from './sample-list.bench.js';
import { benchListmode } from './listmode.bench.js';
import { benchFcs } from './fcs.bench.js';
import { benchDensity } from './density.bench.js';
import { benchFlagWrite } from './flag-write.bench.js';
import { benchClassify } from './classify.bench.js';
import { benchAbundances } from './abundances.bench.js';
import { benchSync } from './sync.bench.js';

const all = { 'sample-list': benchSampleList, listmode: benchListmode, fcs: benchFcs, density: benchDensity, 'flag-write': benchFlagWrite, classify: benchClassify, abundances: benchAbundances, sync: benchSync };
// `npm run bench -- density flag-write` runs only those.
const chosen = process.argv.slice(2);
const unknown = chosen.filter((c) => !(c in all));
if (unknown.length) {
  console.error(`unknown bench: ${unknown.join(', ')} (known: ${Object.keys(all).join(', ')})`);
  process.exit(2);
}
const benches = chosen.length ? chosen.map((c) => all[c as keyof typeof all]) : Object.values(all);
for (const bench of benches) {
  const result = await bench();
  console.log(`\n${result.name}`);
  for (const line of result.lines) console.log(`  ${line}`);
}
