// ONNX Runtime CPU worker for bench/models.py: one JSON command per stdin line,
// one JSON answer per stdout line, so the driver can interleave ORT rounds with
// nnc and PyTorch rounds without paying the session load each time.
//   {"cmd":"load","model":P,"threads":T,"input":RAW,"shape":[..]}
//       loads P (graph optimizations on, T intra-op threads), reads the f32
//       input from the raw little-endian file RAW -> {"ok":true}
//   {"cmd":"outputs","prefix":X}  runs once, writes output i to X<i>.raw
//   {"cmd":"run","n":N}           N timed runs -> {"ms":[...]}
// Exits with {"error":..} on a line when onnxruntime-node is missing.
'use strict';
const fs = require('fs');
const readline = require('readline');
let ort;
try {
  ort = require('onnxruntime-node');
} catch (e) {
  console.log(JSON.stringify({error: 'onnxruntime-node not installed'}));
  process.exit(0);
}
let session = null, feeds = null;
const rl = readline.createInterface({input: process.stdin});
const queue = [];
let busy = false;
rl.on('line', line => { queue.push(line); pump(); });
async function pump() {
  if (busy) return;
  busy = true;
  while (queue.length) {
    const msg = JSON.parse(queue.shift());
    let answer;
    try {
      answer = await handle(msg);
    } catch (e) {
      answer = {error: String(e.message || e).split('\n')[0]};
    }
    console.log(JSON.stringify(answer));
  }
  busy = false;
}
async function handle(msg) {
  if (msg.cmd === 'load') {
    session = await ort.InferenceSession.create(msg.model, {
      intraOpNumThreads: msg.threads, interOpNumThreads: 1,
      executionMode: 'sequential', graphOptimizationLevel: 'all'});
    const buf = fs.readFileSync(msg.input);
    const data = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length));
    feeds = {[session.inputNames[0]]: new ort.Tensor('float32', data, msg.shape)};
    for (let i = 0; i < 2; ++i) await session.run(feeds);  // warm up
    return {ok: true};
  }
  if (msg.cmd === 'outputs') {
    const out = await session.run(feeds);
    session.outputNames.forEach((name, i) => {
      const d = out[name].data;
      fs.writeFileSync(msg.prefix + i + '.raw', Buffer.from(d.buffer, d.byteOffset, d.byteLength));
    });
    return {ok: true, n: session.outputNames.length};
  }
  if (msg.cmd === 'run') {
    const ms = [];
    for (let i = 0; i < msg.n; ++i) {
      const t0 = process.hrtime.bigint();
      await session.run(feeds);
      ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    return {ms};
  }
  return {error: 'unknown command ' + msg.cmd};
}
