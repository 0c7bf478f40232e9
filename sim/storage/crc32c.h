#pragma once
// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78): the checksum Kafka's record batch v2
// stores over everything after its crc field (Kafka's org.apache.kafka.common.utils.Crc32C).
// Value("123456789") == 0xE3069283.
//
// Two implementations compute the same function: the SSE4.2 crc32 instruction, eight bytes at a
// time, when the CPU has it (chosen once, at the first call), and a portable slicing-by-8 table.
// Which one runs never changes a result, so it cannot make runs differ between machines.

#include <cstddef>
#include <cstdint>
#include <span>

namespace kafkasim::crc32c {

// Returns the CRC-32C of `data` appended to bytes whose CRC-32C was `crc`: Extend(Value(a), b) ==
// Value(a followed by b). Extend(0, data) == Value(data).
uint32_t Extend(uint32_t crc, std::span<const std::byte> data);

inline uint32_t Value(std::span<const std::byte> data) { return Extend(0, data); }

// The two implementations, exposed so tests and the benchmark can compare them.
uint32_t ExtendPortable(uint32_t crc, std::span<const std::byte> data);
bool HardwareAvailable();
// Only when HardwareAvailable().
uint32_t ExtendHardware(uint32_t crc, std::span<const std::byte> data);

}  // namespace kafkasim::crc32c
