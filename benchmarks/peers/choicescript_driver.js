#!/usr/bin/env node
// Decisions per second of ChoiceScript's randomtest on a game (default: the bundled example, web/mygame).
//
// usage: node choicescript_driver.js --choicescript DIR [--game mygame] [--seconds 5] [--repeat 1]
//                                    [--batch 100] [--warmup 200] [--avoid-used]
//
// How it runs randomtest: `node randomtest` would run randomtest.js as a CommonJS module. We instead load
// that same, unmodified file into the global context (after chdir to the ChoiceScript checkout, since it
// loads web/scene.js etc. by relative path), passing it the arguments `delay=true` (so it defines
// randomtest() but does not start it), `showCoverage=false` and `showChoices=false` (no per-line or
// per-choice logging, so we time the engine and not the terminal), and `avoidUsedOptions=false`
// (uniform random choices, like our random player; `--avoid-used` restores randomtest's default bias).
// Then we call its randomtest() ourselves, `--batch` games at a time (it reads the globals `iterations`
// and `randomSeed`), until `--seconds` have passed.
//
// How a decision is counted: every choice randomtest takes goes through its global chooseIndex()
// (called from its Scene.prototype.choice, which *fake_choice also uses), so we wrap chooseIndex() with
// a counter. This does not depend on randomtest's output format. (Cross-check: with showChoices=true,
// the count equals the number of "*choice" lines randomtest prints.)
// A game = one seed that randomtest played to its end; runs it skips (*abort skip) are not counted,
// because randomtest re-runs a skipped seed's slot (it increments `iterations`).
//
// Prints one JSON line: {"engine", "decisions", "wall_seconds", "cpu_seconds", "games", ...} for the best
// of --repeat timed runs (most decisions per CPU-second); every run starts at seed 0.
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');

function parseArgs(argv) {
  const opts = { choicescript: null, game: 'mygame', seconds: 5, repeat: 1, batch: 100, warmup: 200, avoidUsed: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error('missing value after ' + a);
      return argv[++i];
    };
    if (a === '--choicescript') opts.choicescript = next();
    else if (a === '--game') opts.game = next();
    else if (a === '--seconds') opts.seconds = Number(next());
    else if (a === '--repeat') opts.repeat = parseInt(next(), 10);
    else if (a === '--batch') opts.batch = parseInt(next(), 10);
    else if (a === '--warmup') opts.warmup = parseInt(next(), 10);
    else if (a === '--avoid-used') opts.avoidUsed = true;
    else throw new Error('unknown argument ' + a);
  }
  if (!opts.choicescript) throw new Error('--choicescript DIR is required');
  if (!(opts.seconds > 0) || !(opts.repeat >= 1) || !(opts.batch >= 1) || !(opts.warmup >= 0)) {
    throw new Error('--seconds, --repeat, --batch must be positive and --warmup >= 0');
  }
  return opts;
}

function fail(msg) {
  process.stderr.write('choicescript_driver: ' + msg + '\n');
  process.exit(2);
}

let opts;
try {
  opts = parseArgs(process.argv.slice(2));
} catch (e) {
  fail(e.message);
}
const csDir = path.resolve(opts.choicescript);
for (const f of ['randomtest.js', 'web/scene.js', 'headless.js', 'seedrandom.js', 'web/' + opts.game + '/scenes/startup.txt']) {
  if (!fs.existsSync(path.join(csDir, f))) fail('not a ChoiceScript checkout with game ' + opts.game + ': missing ' + f + ' in ' + csDir);
}
process.chdir(csDir);

// randomtest logs through console.log (seed numbers, "RANDOMTEST PASSED", "Time: ..."); discard that, but
// keep failures and warnings visible on stderr. On a failure randomtest itself calls process.exit(1).
const realLog = console.log;
console.log = function (msg) {
  const s = String(msg);
  if (s.startsWith('RANDOMTEST FAILED') || s.startsWith('WARNING')) process.stderr.write(s + '\n');
};

process.argv = [process.argv[0], 'randomtest.js', 'delay=true', 'num=0', 'seed=0', 'game=' + opts.game,
  'showCoverage=false', 'showChoices=false', 'avoidUsedOptions=' + opts.avoidUsed];
globalThis.require = require; // randomtest.js calls require('fs') etc. at its top level
vm.runInThisContext(fs.readFileSync('randomtest.js', 'utf8'), { filename: path.join(csDir, 'randomtest.js') });
if (typeof globalThis.randomtest !== 'function' || typeof globalThis.chooseIndex !== 'function') {
  fail('randomtest.js did not define randomtest() and chooseIndex() as expected');
}

let decisions = 0;
const originalChooseIndex = globalThis.chooseIndex;
globalThis.chooseIndex = function countedChooseIndex(options, choiceLine, sceneName) {
  decisions++;
  return originalChooseIndex(options, choiceLine, sceneName);
};

function playGames(n, firstSeed) {
  globalThis.iterations = n;
  globalThis.randomSeed = firstSeed;
  globalThis.randomtest();
}

function timedRun(seconds) {
  const d0 = decisions;
  let games = 0;
  let wall = 0;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  do {
    playGames(opts.batch, games);
    games += opts.batch;
    wall = Number(process.hrtime.bigint() - t0) / 1e9;
  } while (wall < seconds);
  const cpu = process.cpuUsage(cpu0);
  return { decisions: decisions - d0, wall_seconds: wall, cpu_seconds: (cpu.user + cpu.system) / 1e6, games };
}

if (opts.warmup) playGames(opts.warmup, 0); // reads and parses the scene files; not timed
const runs = [];
for (let r = 0; r < opts.repeat; r++) runs.push(timedRun(opts.seconds));
const rate = (run) => run.decisions / run.cpu_seconds;
const best = runs.reduce((a, b) => (rate(b) > rate(a) ? b : a));
realLog(JSON.stringify({
  engine: 'choicescript', decisions: best.decisions, wall_seconds: best.wall_seconds, cpu_seconds: best.cpu_seconds,
  games: best.games, story: 'web/' + opts.game, player: opts.avoidUsed ? 'randomtest avoidUsedOptions' : 'uniform random',
  repeat: opts.repeat, node: process.version,
}));
