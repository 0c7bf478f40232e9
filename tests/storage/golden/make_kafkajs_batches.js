// Encodes two record batches with kafkajs's own v2 RecordBatch encoder and prints them as hex, so
// that tests/storage/record_batch_test.cpp can compare kafkasim's encoder with an implementation
// written by someone else. The C++ test holds the printed hex; it does not need node to run.
//
// Re-run (kafkajs is installed outside the repository on purpose):
//   mkdir -p /tmp/kafkajs-check && cd /tmp/kafkajs-check && npm install kafkajs@2
//   NODE_PATH=/tmp/kafkajs-check/node_modules node tests/storage/golden/make_kafkajs_batches.js
//
// Produced with kafkajs 2.2.4. Every field is given explicitly (kafkajs would otherwise read the
// wall clock and default producerEpoch/firstSequence to 0 where the Java client writes -1).
// kafkajs cannot encode a null header value (its size computation calls Buffer.byteLength on
// it), nor the LogAppendTime bit; the C++ test covers those with hand-checked bytes instead.

'use strict'

const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0')
const Record = require('kafkajs/src/protocol/recordBatch/record/v0')
const Long = require('kafkajs/src/utils/long')

const main = async () => {
  // Batch 1: what a plain (non-idempotent) producer sends: three records, offsets 0..2.
  const plain = await RecordBatch({
    firstOffset: Long.fromValue(0),
    partitionLeaderEpoch: -1,
    lastOffsetDelta: 2,
    firstTimestamp: 1700000000000,
    maxTimestamp: 1700000000002,
    producerId: Long.fromValue(-1),
    producerEpoch: -1,
    firstSequence: -1,
    records: [
      Record({
        offsetDelta: 0,
        timestampDelta: 0,
        key: Buffer.from('key-0'),
        value: Buffer.from('value-0'),
      }),
      Record({ offsetDelta: 1, timestampDelta: 1, key: null, value: Buffer.from('no key') }),
      Record({
        offsetDelta: 2,
        timestampDelta: 2,
        key: Buffer.from('k'),
        value: Buffer.from(''),
        headers: { trace: Buffer.from('abc') },
      }),
    ],
  })

  // Batch 2: a transactional, idempotent producer's batch after the leader stamped offset 42 and
  // epoch 7: a record older than the first (negative timestamp delta), a tombstone (null value),
  // a 300-byte value (two-byte length varint) and two headers with the same key.
  const transactional = await RecordBatch({
    firstOffset: Long.fromValue(42),
    partitionLeaderEpoch: 7,
    lastOffsetDelta: 3,
    firstTimestamp: 1700000005000,
    maxTimestamp: 1700000009999,
    transactional: true,
    producerId: Long.fromValue(1234567890123),
    producerEpoch: 3,
    firstSequence: 17,
    records: [
      Record({
        offsetDelta: 0,
        timestampDelta: 0,
        key: Buffer.from('order-1'),
        value: Buffer.from('created'),
      }),
      Record({ offsetDelta: 1, timestampDelta: -4000, key: Buffer.from('order-2'), value: null }),
      Record({
        offsetDelta: 2,
        timestampDelta: 4999,
        key: Buffer.from('order-3'),
        value: Buffer.alloc(300, 0x61),
      }),
      Record({
        offsetDelta: 3,
        timestampDelta: 10,
        key: Buffer.from('order-4'),
        value: Buffer.from('shipped'),
        headers: { source: [Buffer.from('web'), Buffer.from('app')], empty: Buffer.from('') },
      }),
    ],
  })

  console.log('plain         ' + plain.buffer.toString('hex'))
  console.log('transactional ' + transactional.buffer.toString('hex'))
}

main().catch(error => {
  console.error(error)
  process.exit(1)
})
