// SHA-256 block compression with the x86-64 SHA extensions (see include/csha256.h).
//
// The eight working variables live in two vectors, ABEF and CDGH, the layout sha256rnds2 takes.
// Each group of four rounds adds four message words to four round constants and runs two
// sha256rnds2 (two rounds each). The message schedule is kept as four vectors of four words:
// group j >= 4 is sha256msg2(sha256msg1(W[j-4], W[j-3]) + (words 9..12 before it), W[j-1]).
#include "csha256.h"

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

int csha256_hardware_available(void) {
    unsigned int a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    const int ssse3 = (c >> 9) & 1, sse41 = (c >> 19) & 1;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    const int sha = (b >> 29) & 1;
    return ssse3 && sse41 && sha;
}

__attribute__((target("sha,ssse3,sse4.1")))
void csha256_compress(uint32_t state[8], const uint8_t *blocks, size_t count, const uint32_t round_constants[64]) {
    // Big-endian message words: reverse the bytes of each 32-bit lane.
    const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    // Lanes named high to low, as Intel's documentation of sha256rnds2 does.
    __m128i tmp = _mm_loadu_si128((const __m128i *)&state[0]);     // DCBA
    __m128i state1 = _mm_loadu_si128((const __m128i *)&state[4]);  // HGFE
    tmp = _mm_shuffle_epi32(tmp, 0xB1);                           // CDAB
    state1 = _mm_shuffle_epi32(state1, 0x1B);                     // EFGH
    __m128i state0 = _mm_alignr_epi8(tmp, state1, 8);             // ABEF
    state1 = _mm_blend_epi16(state1, tmp, 0xF0);                  // CDGH

    for (size_t block = 0; block < count; block++) {
        const uint8_t *data = blocks + 64 * block;
        const __m128i abef = state0, cdgh = state1;
        __m128i words[4];
        for (int group = 0; group < 16; group++) {
            if (group < 4) {
                words[group] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16 * group)), byte_swap);
            }
            __m128i message = _mm_add_epi32(
                words[group & 3], _mm_loadu_si128((const __m128i *)&round_constants[4 * group]));
            state1 = _mm_sha256rnds2_epu32(state1, state0, message);
            if (group >= 3 && group <= 14) {
                // The next group: its slot holds sha256msg1(W[group-3], W[group-2]) already.
                const __m128i nine_to_twelve = _mm_alignr_epi8(words[group & 3], words[(group - 1) & 3], 4);
                const __m128i sum = _mm_add_epi32(words[(group + 1) & 3], nine_to_twelve);
                words[(group + 1) & 3] = _mm_sha256msg2_epu32(sum, words[group & 3]);
            }
            message = _mm_shuffle_epi32(message, 0x0E);
            state0 = _mm_sha256rnds2_epu32(state0, state1, message);
            if (group >= 1 && group <= 12) {
                words[(group - 1) & 3] = _mm_sha256msg1_epu32(words[(group - 1) & 3], words[group & 3]);
            }
        }
        state0 = _mm_add_epi32(state0, abef);
        state1 = _mm_add_epi32(state1, cdgh);
    }

    tmp = _mm_shuffle_epi32(state0, 0x1B);        // FEBA
    state1 = _mm_shuffle_epi32(state1, 0xB1);     // DCHG
    state0 = _mm_blend_epi16(tmp, state1, 0xF0);  // DCBA
    state1 = _mm_alignr_epi8(state1, tmp, 8);     // HGFE
    _mm_storeu_si128((__m128i *)&state[0], state0);
    _mm_storeu_si128((__m128i *)&state[4], state1);
}

#else

int csha256_hardware_available(void) { return 0; }

void csha256_compress(uint32_t state[8], const uint8_t *blocks, size_t count, const uint32_t round_constants[64]) {
    (void)state;
    (void)blocks;
    (void)count;
    (void)round_constants;
}

#endif
