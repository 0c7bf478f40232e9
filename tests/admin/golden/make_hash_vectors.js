// Prints murmur2 and String.hashCode test vectors from implementations written by someone else,
// so that tests/admin/hashing_test.cpp checks kafkasim's against them. The C++ test holds the
// printed values; it does not need node to run.
//
// Re-run (kafkajs is installed outside the repository on purpose):
//   mkdir -p /tmp/kafkajs-check && cd /tmp/kafkajs-check && npm install kafkajs@2
//   NODE_PATH=/tmp/kafkajs-check/node_modules node tests/admin/golden/make_hash_vectors.js
//
// Produced with kafkajs 2.2.4, whose "default" partitioner is the Java client's murmur2 port
// (kafkajs/src/producer/partitioners/default/murmur2.js). String.hashCode is computed from the
// JavaScript string's UTF-16 code units, the units a Java String holds.

'use strict'

const murmur2 = require('kafkajs/src/producer/partitioners/default/murmur2')

const keys = [
  Buffer.from(''), Buffer.from('a'), Buffer.from('ab'), Buffer.from('abc'), Buffer.from('abcd'),
  Buffer.from('orders'), Buffer.from('key-1'), Buffer.from('hello world'),
  Buffer.from('caf\u00e9'), Buffer.from([0xff, 0x80, 0x00, 0x7f, 0x01]),
]
for (const key of keys) {
  const h = murmur2(key)
  const positive = h & 0x7fffffff
  console.log(`murmur2 hex=${key.toString('hex')} hash=${h} p3=${positive % 3} p6=${positive % 6}`)
}

const javaHashCode = s => {
  let h = 0
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0
  return h
}
const groups = ['', 'g', 'my-group', 'console-consumer-12345', 'connect-cluster', 'caf\u00e9', 'emoji-\u{1F600}',
  'polygenelubricants']
for (const g of groups) {
  const h = javaHashCode(g)
  const abs = h === -2147483648 ? 0 : Math.abs(h)
  console.log(`hashCode utf8=${Buffer.from(g).toString('hex')} hash=${h} p50=${abs % 50}`)
}
