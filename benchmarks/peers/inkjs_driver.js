#!/usr/bin/env node
// Decisions per second of inkjs 2.x playing an ink story (here inkle's The Intercept) with a random player.
//
// usage: node inkjs_driver.js --inkjs DIR --story FILE.ink|FILE.json [--seconds 5] [--repeat 1] [--seed 1]
//                             [--warmup 20] [--max-decisions 100000]
//
// --inkjs is the installed package folder (node_modules/inkjs). A .ink story is compiled in process with
// the compiler inkjs 2.x ships (dist/ink-full.js); a .json must be from a current ink (The Intercept's own
// TheIntercept.json is ink format 11, too old for inkjs 2.x, so we compile the .ink). Compiling, loading
// and --warmup games are not timed.
//
// A game: ResetState(), then ContinueMaximally(), pick a choice uniformly at random (our own seeded
// PRNG, mulberry32) and ChooseChoiceIndex() it, repeat until the story offers no choice (its -> END).
// A decision = one ChooseChoiceIndex() call. ink's own randomness (shuffles, RANDOM) is seeded per game
// through state.storySeed so runs are repeatable. Every timed run restarts the PRNG at --seed.
//
// Prints one JSON line: {"engine", "decisions", "wall_seconds", "cpu_seconds", "games", ...} for the best
// of --repeat timed runs (most decisions per CPU-second).
'use strict';
const fs = require('fs');
const path = require('path');

function parseArgs(argv) {
  const opts = { inkjs: null, story: null, seconds: 5, repeat: 1, seed: 1, warmup: 20, maxDecisions: 100000 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error('missing value after ' + a);
      return argv[++i];
    };
    if (a === '--inkjs') opts.inkjs = next();
    else if (a === '--story') opts.story = next();
    else if (a === '--seconds') opts.seconds = Number(next());
    else if (a === '--repeat') opts.repeat = parseInt(next(), 10);
    else if (a === '--seed') opts.seed = parseInt(next(), 10);
    else if (a === '--warmup') opts.warmup = parseInt(next(), 10);
    else if (a === '--max-decisions') opts.maxDecisions = parseInt(next(), 10);
    else throw new Error('unknown argument ' + a);
  }
  if (!opts.inkjs || !opts.story) throw new Error('--inkjs DIR and --story FILE are required');
  if (!(opts.seconds > 0) || !(opts.repeat >= 1) || !(opts.warmup >= 0) || !(opts.maxDecisions >= 1)) {
    throw new Error('--seconds, --repeat, --max-decisions must be positive and --warmup >= 0');
  }
  return opts;
}

function fail(msg) {
  process.stderr.write('inkjs_driver: ' + msg + '\n');
  process.exit(2);
}

function mulberry32(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let opts;
try {
  opts = parseArgs(process.argv.slice(2));
} catch (e) {
  fail(e.message);
}
const inkDir = path.resolve(opts.inkjs);
const pkgFile = path.join(inkDir, 'package.json');
const fullFile = path.join(inkDir, 'dist', 'ink-full.js');
if (!fs.existsSync(pkgFile) || !fs.existsSync(fullFile)) fail('inkjs 2.x not found in ' + inkDir);
const inkVersion = JSON.parse(fs.readFileSync(pkgFile, 'utf8')).version;
if (!/^2\./.test(inkVersion)) fail('need inkjs 2.x, found ' + inkVersion + ' in ' + inkDir);
const ink = require(fullFile);

const source = fs.readFileSync(opts.story, 'utf8').replace(/^\uFEFF/, '');
let story;
if (opts.story.endsWith('.ink')) {
  const compiler = new ink.Compiler(source);
  try {
    story = compiler.Compile();
  } catch (e) {
    fail('compiling ' + opts.story + ' failed: ' + e.message + ' ' + compiler.errors.join('; '));
  }
  if (!story || compiler.errors.length) fail('compiling ' + opts.story + ' failed: ' + compiler.errors.join('; '));
} else {
  try {
    story = new ink.Story(source);
  } catch (e) {
    fail('loading ' + opts.story + ' failed: ' + e.message);
  }
}

let decisions = 0;
let gameNumber = 0;

function playGame(rng) {
  story.ResetState();
  story.state.storySeed = gameNumber++ % 100000;
  let n = 0;
  for (;;) {
    story.ContinueMaximally();
    const choices = story.currentChoices;
    if (choices.length === 0) break;
    story.ChooseChoiceIndex(Math.floor(rng() * choices.length));
    decisions++;
    if (++n > opts.maxDecisions) throw new Error('a game did not end after ' + opts.maxDecisions + ' decisions');
  }
}

function timedRun(seconds) {
  const rng = mulberry32(opts.seed);
  gameNumber = 0;
  const d0 = decisions;
  let games = 0;
  let wall = 0;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  do {
    playGame(rng);
    games++;
    wall = Number(process.hrtime.bigint() - t0) / 1e9;
  } while (wall < seconds);
  const cpu = process.cpuUsage(cpu0);
  return { decisions: decisions - d0, wall_seconds: wall, cpu_seconds: (cpu.user + cpu.system) / 1e6, games };
}

const runs = [];
try {
  const warmRng = mulberry32(opts.seed ^ 0x5bd1e995);
  for (let g = 0; g < opts.warmup; g++) playGame(warmRng);
  for (let r = 0; r < opts.repeat; r++) runs.push(timedRun(opts.seconds));
} catch (e) {
  fail('playing failed: ' + (e && e.message ? e.message : e));
}
const rate = (run) => run.decisions / run.cpu_seconds;
const best = runs.reduce((a, b) => (rate(b) > rate(a) ? b : a));
console.log(JSON.stringify({
  engine: 'inkjs', decisions: best.decisions, wall_seconds: best.wall_seconds, cpu_seconds: best.cpu_seconds,
  games: best.games, story: path.basename(opts.story), player: 'uniform random (mulberry32)', inkjs: inkVersion,
  repeat: opts.repeat, node: process.version,
}));
