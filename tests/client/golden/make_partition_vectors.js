// Prints key → partition vectors from kafkajs's DefaultPartitioner (its port of the Java client's
// keyed partitioning), so that tests/client/partitioner_test.cpp checks kafkasim's producer
// against an implementation written by someone else. The C++ test holds the printed values.
//
// Re-run (kafkajs is installed outside the repository on purpose):
//   mkdir -p /tmp/kafkajs-check && cd /tmp/kafkajs-check && npm install kafkajs@2
//   NODE_PATH=/tmp/kafkajs-check/node_modules node tests/client/golden/make_partition_vectors.js
//
// Produced with kafkajs 2.2.4. Every other partition is given no leader (leader -1): a keyed
// record must still hash over all partitions, leaderless ones included.

'use strict'

const { Partitioners } = require('kafkajs')

const keys = ['', 'a', 'user-1', 'user-2', 'user-3', 'user-4', 'user-5', 'user-6', 'user-7', 'user-8', 'user-9',
  'user-10', 'orders', 'key-42', 'hello world', 'caf\u00e9', '\u{1F600}']
const counts = [3, 6, 10]
for (const key of keys) {
  const partitions = counts.map(n => {
    const partitionMetadata = [...Array(n).keys()].map(p => ({ partitionId: p, leader: p % 2 === 0 ? 0 : -1 }))
    const partitioner = Partitioners.DefaultPartitioner()
    return partitioner({ topic: 't', partitionMetadata, message: { key: Buffer.from(key), value: 'v' } })
  })
  console.log(`{"${Buffer.from(key).toString('hex')}", ${partitions.join(', ')}},`)
}
