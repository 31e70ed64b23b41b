// SHA-256 block compression with the x86-64 SHA extensions (SHA-NI), for TMinusCore's SHA256.
// TMinusCore keeps the portable Swift implementation and calls this only when
// csha256_hardware_available() says the CPU has the instructions; both give the same state.
#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this CPU has the SHA, SSSE3 and SSE4.1 instructions csha256_compress needs; else 0
/// (always 0 on other architectures).
int csha256_hardware_available(void);

/// Compresses `count` consecutive 64-byte blocks at `blocks` into `state` (H0…H7, FIPS 180-4
/// §6.2.2) with the 64 `round_constants` (the caller's table: TMinusCore's SHA256 owns it). Call
/// only when csha256_hardware_available() returned 1.
void csha256_compress(uint32_t state[8], const uint8_t *blocks, size_t count, const uint32_t round_constants[64]);

#endif
