"""Pure-Python GOST R 34.11-94 (RFC 5831) with the CryptoPro S-boxes (RFC 4357): the fallback hash.

Byte order follows OpenSSL's gosthash.c and CryptoPro: blocks and the result are little-endian numbers.
"""

import struct

BLOCK_SIZE = 32
_MASK32 = 0xFFFFFFFF
_MASK256 = (1 << 256) - 1

# id-GostR3411-94-CryptoProParamSet (RFC 4357, 11.2), S-box for nibble 0 (least significant) first.
_CRYPTOPRO_SBOX = (
    (10, 4, 5, 6, 8, 1, 3, 7, 13, 12, 14, 0, 9, 2, 11, 15),
    (5, 15, 4, 0, 2, 13, 11, 9, 1, 7, 6, 3, 12, 14, 10, 8),
    (7, 15, 12, 14, 9, 4, 1, 0, 3, 11, 5, 2, 6, 10, 8, 13),
    (4, 10, 7, 12, 0, 15, 2, 8, 14, 1, 6, 5, 13, 11, 9, 3),
    (7, 6, 4, 11, 9, 12, 2, 10, 1, 8, 0, 14, 15, 13, 3, 5),
    (7, 6, 2, 4, 13, 9, 15, 0, 10, 1, 5, 11, 8, 14, 12, 3),
    (13, 14, 4, 1, 7, 0, 5, 10, 3, 12, 8, 15, 6, 2, 9, 11),
    (1, 3, 10, 9, 5, 11, 4, 15, 8, 6, 7, 14, 13, 0, 2, 12),
)


def _byte_tables(sbox):
    """Four 256-entry tables, each substituting one byte (two nibbles) of the 32-bit word."""
    return tuple(
        tuple((sbox[2 * i + 1][x >> 4] << 4 | sbox[2 * i][x & 15]) << (8 * i) for x in range(256))
        for i in range(4)
    )


_SUBST = _byte_tables(_CRYPTOPRO_SBOX)
_KEY_ORDER = tuple(range(8)) * 3 + tuple(range(7, -1, -1))
# The constant C3 of the key schedule: the bytes of U that are inverted (RFC 5831, 6.1).
_C3_MASK = int.from_bytes(bytes(255 if i in (1, 3, 5, 7, 8, 10, 12, 14, 17, 18, 20, 23, 24, 28, 29, 31)
                                else 0 for i in range(32)), "little")


def _round_function(x):
    s0, s1, s2, s3 = _SUBST
    y = s0[x & 255] | s1[(x >> 8) & 255] | s2[(x >> 16) & 255] | s3[x >> 24]
    return ((y << 11) | (y >> 21)) & _MASK32


def _encrypt_block(key, block):
    """GOST 28147-89 in ECB mode on one 64-bit little-endian block (an int), key as 32 bytes."""
    k = struct.unpack("<8I", key)
    n1, n2 = block & _MASK32, block >> 32
    for i in _KEY_ORDER:
        n1, n2 = n2 ^ _round_function((n1 + k[i]) & _MASK32), n1
    return n1 << 32 | n2


def _transpose(w):
    """The P transform: byte i + 4j of the key is byte 8i + j of W."""
    raw = w.to_bytes(32, "little")
    return bytes(raw[8 * (k % 4) + k // 4] for k in range(32))


def _a(y):
    """A(y4||y3||y2||y1) = (y1 ^ y2)||y4||y3||y2 on 64-bit parts, y1 the least significant."""
    y1, y2 = y & 0xFFFFFFFFFFFFFFFF, (y >> 64) & 0xFFFFFFFFFFFFFFFF
    return (y >> 64) | ((y1 ^ y2) << 192)


def _psi(y, rounds):
    """ψ^rounds: shift 16-bit words down, the new top word being y1^y2^y3^y4^y13^y16."""
    for _ in range(rounds):
        top = (y ^ (y >> 16) ^ (y >> 32) ^ (y >> 48) ^ (y >> 192) ^ (y >> 240)) & 0xFFFF
        y = (y >> 16) | (top << 240)
    return y


def _step(h, m):
    """The step function f(H, M) of RFC 5831, 6 (ints, little-endian)."""
    u, v = h, m
    encrypted = 0
    for j in range(4):
        if j:
            u = _a(u) ^ (_C3_MASK if j == 2 else 0)
            v = _a(_a(v))
        key = _transpose(u ^ v)
        encrypted |= _encrypt_block(key, (h >> (64 * j)) & 0xFFFFFFFFFFFFFFFF) << (64 * j)
    return _psi(h ^ _psi(m ^ _psi(encrypted, 12), 1), 61)


class Gost94:
    """hashlib-style GOST R 34.11-94 with the CryptoPro parameter set."""

    block_size = BLOCK_SIZE
    digest_size = 32
    name = "gostr3411_94"

    def __init__(self, data=b""):
        self._h = 0
        self._sigma = 0
        self._length = 0
        self._pending = b""
        if data:
            self.update(data)

    def copy(self):
        clone = Gost94.__new__(Gost94)
        clone.__dict__.update(self.__dict__)
        return clone

    def update(self, data):
        data = self._pending + bytes(data)
        whole = len(data) - len(data) % BLOCK_SIZE
        for offset in range(0, whole, BLOCK_SIZE):
            block = int.from_bytes(data[offset:offset + BLOCK_SIZE], "little")
            self._h = _step(self._h, block)
            self._sigma = (self._sigma + block) & _MASK256
        self._length += whole
        self._pending = data[whole:]

    def digest(self):
        h, sigma, length = self._h, self._sigma, self._length + len(self._pending)
        # Stage 3 always hashes the zero-padded rest, even of an empty message (OpenSSL does the same).
        if self._pending or length == 0:
            block = int.from_bytes(self._pending, "little")
            h = _step(h, block)
            sigma = (sigma + block) & _MASK256
        h = _step(h, (length * 8) & _MASK256)
        h = _step(h, sigma)
        return h.to_bytes(32, "little")

    def hexdigest(self):
        return self.digest().hex()
