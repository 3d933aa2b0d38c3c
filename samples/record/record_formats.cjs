// Record the nock and Polly.js fixtures against fake_api.py, with the real recorders.
//
//   mkdir /tmp/rec-node && cd /tmp/rec-node && npm init -y
//   npm install nock@14 @pollyjs/core @pollyjs/adapter-node-http @pollyjs/persister-fs
//   NODE_PATH=/tmp/rec-node/node_modules samples/record/with_fake_api.sh node samples/record/record_formats.cjs nock
//   NODE_PATH=/tmp/rec-node/node_modules samples/record/with_fake_api.sh node samples/record/record_formats.cjs polly
//
// Writes samples/record/formats/nock_recording.json (nock.recorder with output_objects,
// written as nock back writes its fixtures: JSON.stringify(defs, null, 2)) and
// samples/record/formats/polly_recording.har (Polly's fs persister, moved out of its
// recordings folder). Each recorder runs in a process of its own: Polly's node-http
// adapter brings its own nock.
"use strict";
const fs = require("fs");
const http = require("http");
const path = require("path");

const OUT = path.join(__dirname, "formats");
const S = JSON.parse(fs.readFileSync(path.join(__dirname, "fake_secrets.json"), "utf8"));
const BASE = process.env.FAKE_API_URL;

function request(method, url, headers, body) {
  return new Promise((resolve, reject) => {
    if (body !== undefined) headers = { ...headers, "Content-Length": Buffer.byteLength(body) };
    const req = http.request(url, { method, headers }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve(Buffer.concat(chunks)));
    });
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

async function traffic() {
  const chat = JSON.stringify({ model: "gpt-4o-mini", stream: true, messages: [{ role: "user", content: "What's the weather in Florence?" }] });
  await request("POST", BASE + "/v1/chat/completions", { "Content-Type": "application/json", Authorization: "Bearer " + S.openai_key }, chat);
  const login = JSON.stringify({ username: "fake-user", password: S.password, api_key: S.api_key_field });
  await request("POST", BASE + "/v1/login", { "Content-Type": "application/json", Cookie: "session=" + S.session_cookie }, login);
  const form = "grant_type=client_credentials&client_id=" + S.client_id + "&client_secret=" + S.client_secret;
  await request("POST", BASE + "/oauth/token", { "Content-Type": "application/x-www-form-urlencoded" }, form);
  const gemini = JSON.stringify({ contents: [{ role: "user", parts: [{ text: "Tell me about Florence" }] }] });
  await request("POST", BASE + "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse&key=" + S.google_key, { "Content-Type": "application/json" }, gemini);
}

async function recordNock() {
  const nock = require("nock");
  nock.recorder.rec({ output_objects: true, dont_print: true, enable_reqheaders_recording: true });
  await traffic();
  const definitions = nock.recorder.play();
  fs.writeFileSync(path.join(OUT, "nock_recording.json"), JSON.stringify(definitions, null, 2) + "\n");
}

async function recordPolly() {
  const { Polly } = require("@pollyjs/core");
  const NodeHttpAdapter = require("@pollyjs/adapter-node-http");
  const FSPersister = require("@pollyjs/persister-fs");
  Polly.register(NodeHttpAdapter);
  Polly.register(FSPersister);
  const folder = fs.mkdtempSync(path.join(require("os").tmpdir(), "polly-"));
  const polly = new Polly("cassette-fixture", {
    adapters: ["node-http"],
    persister: "fs",
    persisterOptions: { fs: { recordingsDir: folder } },
    mode: "record",
    matchRequestsBy: { headers: false, order: true },
  });
  await traffic();
  await polly.stop();
  const [recording] = fs.readdirSync(folder);
  fs.copyFileSync(path.join(folder, recording, "recording.har"), path.join(OUT, "polly_recording.har"));
  fs.rmSync(folder, { recursive: true });
}

(process.argv[2] === "polly" ? recordPolly() : recordNock()).catch((err) => {
  console.error(err);
  process.exit(1);
});
