#!/usr/bin/env node
// Plans a trip through the Tripsmith gateway from Node.js, straight from the .proto files:
// no generated code and no build step, only @grpc/grpc-js and @grpc/proto-loader.
//
//   node examples/node_client/plan.js [ADDRESS] "From Boston to Lisbon March 3 to 10 for 2 adults"
//
// ADDRESS defaults to $TRIPSMITH_GATEWAY, else 127.0.0.1:50051; the API key is $TRIPSMITH_API_KEY.
// Progress events go to stderr, one line each; the final itinerary goes to stdout as JSON.
// Exit codes: 0 success, 2 bad input or credentials (one line on stderr), 1 anything else.
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const ROOT = path.resolve(__dirname, '..', '..');
const TIMEOUT_SECONDS = 120; // for the whole run: plan, watch and get
// Status codes that mean the caller must change something, not retry.
const CLIENT_ERRORS = new Set([
  grpc.status.INVALID_ARGUMENT, grpc.status.UNAUTHENTICATED, grpc.status.PERMISSION_DENIED,
  grpc.status.NOT_FOUND, grpc.status.FAILED_PRECONDITION, grpc.status.ALREADY_EXISTS, grpc.status.OUT_OF_RANGE,
]);

class UsageError extends Error {}

function loadPlannerService() {
  // google/protobuf/* ship with protobufjs; google/type and google/rpc are copied to
  // build/proto-deps by `tools/gen_protos.py --deps`.
  const deps = path.join(ROOT, 'build', 'proto-deps');
  if (!fs.existsSync(path.join(deps, 'google', 'type', 'money.proto'))) {
    throw new Error(`${deps} is missing: run \`.venv/bin/python tools/gen_protos.py --deps\``);
  }
  const definition = protoLoader.loadSync('tripsmith/planner/v1/planner_service.proto', {
    includeDirs: [path.join(ROOT, 'protos'), deps],
    keepCase: true, // field names as in the .proto (hotel_stays, not hotelStays)
    longs: String, // int64 as decimal strings, as in protobuf JSON
    enums: String, // enum values by name ("STATE_PROPOSED")
    defaults: true, // unset fields present with their default values
    oneofs: true, // a oneof's name holds the name of the field that is set
  });
  return grpc.loadPackageDefinition(definition).tripsmith.planner.v1.PlannerService;
}

// A unary call as a promise.
function unary(client, method, request, metadata, deadline) {
  return new Promise((resolve, reject) => {
    client[method](request, metadata, { deadline }, (error, response) => (error ? reject(error) : resolve(response)));
  });
}

// Streams the itinerary's events from the start; resolves when the gateway ends the stream,
// which it does once the itinerary settles (proposed, needs input, infeasible, ...).
function watch(client, name, metadata, deadline, onEvent) {
  return new Promise((resolve, reject) => {
    const stream = client.WatchItinerary({ name, after_sequence: '0' }, metadata, { deadline });
    stream.on('data', (response) => onEvent(response.event));
    stream.on('error', reject); // a non-OK status; emitted before 'end'
    stream.on('end', resolve);
  });
}

// One line per event: "#3 tool_call search_flights OK: 42 offers".
function describe(event) {
  const detail = event[event.kind] || {};
  switch (event.kind) {
    case 'state_change':
      return `${detail.from_state} -> ${detail.to_state}${detail.reason ? ` (${detail.reason})` : ''}`;
    case 'tool_call':
      return `${detail.tool} ${detail.outcome.replace('TOOL_OUTCOME_', '')}${detail.summary ? `: ${detail.summary}` : ''}`;
    case 'model_call':
      return `${detail.model} ${detail.finish_reason} (${detail.input_tokens} in, ${detail.output_tokens} out)`;
    case 'itinerary':
      return detail.state;
    default:
      return '';
  }
}

async function main(argv) {
  if (argv.length < 1 || argv.length > 2) throw new UsageError('usage: plan.js [ADDRESS] "TRIP REQUEST"');
  const [address, text] = argv.length === 2 ? argv : [process.env.TRIPSMITH_GATEWAY || '127.0.0.1:50051', argv[0]];
  const apiKey = process.env.TRIPSMITH_API_KEY;
  if (!apiKey) throw new UsageError('set TRIPSMITH_API_KEY to an API key of the gateway');

  const PlannerService = loadPlannerService();
  // Plaintext, as the local stack serves it; use grpc.credentials.createSsl() for TLS.
  const client = new PlannerService(address, grpc.credentials.createInsecure());
  const metadata = new grpc.Metadata();
  metadata.set('authorization', `Bearer ${apiKey}`); // the key names the tenant
  const deadline = new Date(Date.now() + TIMEOUT_SECONDS * 1000);
  try {
    // The request_id makes Plan idempotent: a retry with the same ID returns the same itinerary.
    const requestId = `node-${crypto.randomUUID()}`;
    const planned = await unary(client, 'PlanItinerary', { request_id: requestId, text }, metadata, deadline);
    const name = planned.itinerary.name; // "itineraries/{id}"
    console.error(`${name} ${planned.itinerary.state}`);
    await watch(client, name, metadata, deadline, (event) => {
      console.error(`#${event.sequence} ${event.kind} ${describe(event)}`);
    });
    const { itinerary } = await unary(client, 'GetItinerary', { name }, metadata, deadline);
    process.stdout.write(`${JSON.stringify(itinerary, null, 2)}\n`);
  } finally {
    client.close();
  }
}

main(process.argv.slice(2)).then(
  () => {
    process.exitCode = 0;
  },
  (error) => {
    if (error instanceof UsageError) {
      console.error(`plan.js: ${error.message}`);
      process.exitCode = 2;
    } else if (typeof error.code === 'number' && error.details !== undefined) {
      // A gRPC status: its canonical name and the server's one-line reason.
      const reason = error.code === grpc.status.DEADLINE_EXCEEDED ? `no result within ${TIMEOUT_SECONDS} s` : error.details;
      console.error(`plan.js: ${grpc.status[error.code]}: ${reason}`);
      process.exitCode = CLIENT_ERRORS.has(error.code) ? 2 : 1;
    } else {
      console.error(`plan.js: ${error.message}`);
      process.exitCode = 1;
    }
  },
);
