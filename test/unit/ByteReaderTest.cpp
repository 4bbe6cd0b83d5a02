//===- ByteReaderTest.cpp - LEB128, names and UTF-8 -----------------------===//
///
/// \file
/// The primitive decoders: LEB128 at the edges the spec sets (maximum
/// length, unused bits, sign extension of s32/s33/s64), truncated input,
/// and UTF-8 validation of names. Every reader starts at file offset 0x100,
/// so the offsets checked are file offsets, not buffer indices.
///
//===----------------------------------------------------------------------===//

#include "decode/ByteReader.h"

#include "WasmBuilder.h"

#include "gtest/gtest.h"

#include <cstdint>
#include <limits>

using namespace llvm;
using namespace w2n;
using namespace w2n::test;

namespace {

constexpr uint64_t Base = 0x100;

template <typename T> struct ReadResult {
  T Value;
  uint64_t End; ///< File offset after the read.
  Error Err;
};

ReadResult<uint64_t> readU32(const Bytes &B) {
  ByteReader R(B, Base);
  uint64_t V = R.readVarU32();
  return {V, R.offset(), R.takeError()};
}
ReadResult<int64_t> readS32(const Bytes &B) {
  ByteReader R(B, Base);
  int64_t V = R.readVarS32();
  return {V, R.offset(), R.takeError()};
}
ReadResult<int64_t> readS33(const Bytes &B) {
  ByteReader R(B, Base);
  int64_t V = R.readVarS33();
  return {V, R.offset(), R.takeError()};
}
ReadResult<uint64_t> readU64(const Bytes &B) {
  ByteReader R(B, Base);
  uint64_t V = R.readVarU64();
  return {V, R.offset(), R.takeError()};
}
ReadResult<int64_t> readS64(const Bytes &B) {
  ByteReader R(B, Base);
  int64_t V = R.readVarS64();
  return {V, R.offset(), R.takeError()};
}

// Expects a successful read of Want that consumed all of B.
#define EXPECT_READS(Reader, B, Want)                                          \
  do {                                                                         \
    Bytes In = B;                                                              \
    auto Res = Reader(In);                                                     \
    EXPECT_TRUE(succeeds(std::move(Res.Err)));                                 \
    EXPECT_EQ(Res.Value, Want);                                                \
    EXPECT_EQ(Res.End, Base + In.size());                                      \
  } while (0)

// Expects a failed read: an error at Base + Index containing Msg.
#define EXPECT_READ_FAILS(Reader, B, Index, Msg)                               \
  do {                                                                         \
    auto Res = Reader(B);                                                      \
    EXPECT_TRUE(failsAt(std::move(Res.Err), Base + (Index), Msg));             \
    EXPECT_EQ(Res.Value, 0);                                                   \
  } while (0)

TEST(LEB128Test, U32) {
  EXPECT_READS(readU32, Bytes({0x00}), 0u);
  EXPECT_READS(readU32, Bytes({0x7f}), 127u);
  EXPECT_READS(readU32, Bytes({0x80, 0x01}), 128u);
  // Padded encodings are fine up to the maximum length of 5 bytes.
  EXPECT_READS(readU32, Bytes({0x80, 0x80, 0x80, 0x80, 0x00}), 0u);
  EXPECT_READS(readU32, Bytes({0x83, 0x80, 0x80, 0x80, 0x00}), 3u);
  EXPECT_READS(readU32, Bytes({0xff, 0xff, 0xff, 0xff, 0x0f}), 0xffffffffu);
}

TEST(LEB128Test, U32TooLong) {
  // A continuation bit in the fifth byte: a sixth byte would be needed.
  EXPECT_READ_FAILS(readU32, Bytes({0x80, 0x80, 0x80, 0x80, 0x80, 0x00}), 4,
                    "integer representation too long");
  EXPECT_READ_FAILS(readU32, Bytes({0xff, 0xff, 0xff, 0xff, 0xff, 0x0f}), 4,
                    "integer representation too long");
}

TEST(LEB128Test, U32UnusedBitsSet) {
  // The fifth byte carries bits 28..31; bits 32..34 must be zero.
  EXPECT_READ_FAILS(readU32, Bytes({0xff, 0xff, 0xff, 0xff, 0x1f}), 4,
                    "integer too large");
  EXPECT_READ_FAILS(readU32, Bytes({0x80, 0x80, 0x80, 0x80, 0x70}), 4,
                    "integer too large");
  EXPECT_READ_FAILS(readU32, Bytes({0x80, 0x80, 0x80, 0x80, 0x10}), 4,
                    "integer too large");
}

TEST(LEB128Test, Truncated) {
  EXPECT_READ_FAILS(readU32, Bytes({}), 0, "unexpected end");
  EXPECT_READ_FAILS(readU32, Bytes({0x80}), 1, "unexpected end");
  EXPECT_READ_FAILS(readU32, Bytes({0xff, 0xff, 0xff, 0xff}), 4,
                    "unexpected end");
  EXPECT_READ_FAILS(readS32, Bytes({0x80, 0x80}), 2, "unexpected end");
  EXPECT_READ_FAILS(readS33, Bytes({0xc0}), 1, "unexpected end");
  EXPECT_READ_FAILS(readU64, Bytes({0x80, 0x80, 0x80}), 3, "unexpected end");
  EXPECT_READ_FAILS(readS64, Bytes(9, 0x80), 9, "unexpected end");
}

TEST(LEB128Test, S32) {
  EXPECT_READS(readS32, Bytes({0x00}), 0);
  EXPECT_READS(readS32, Bytes({0x3f}), 63);
  EXPECT_READS(readS32, Bytes({0x40}), -64);
  EXPECT_READS(readS32, Bytes({0x7f}), -1);
  EXPECT_READS(readS32, Bytes({0xc0, 0x00}), 64);
  EXPECT_READS(readS32, Bytes({0x80, 0x7f}), -128);
  // Padded negative numbers repeat the sign bit.
  EXPECT_READS(readS32, Bytes({0xff, 0xff, 0xff, 0xff, 0x7f}), -1);
  EXPECT_READS(readS32, Bytes({0xff, 0xff, 0xff, 0xff, 0x07}),
               std::numeric_limits<int32_t>::max());
  EXPECT_READS(readS32, Bytes({0x80, 0x80, 0x80, 0x80, 0x78}),
               std::numeric_limits<int32_t>::min());
}

TEST(LEB128Test, S32UnusedBitsNotSignExtension) {
  // Fifth byte: bits 28..31 carry the value (bit 31 the sign); bits 32..34
  // must equal the sign bit.
  // Sign bit set, upper bits clear.
  EXPECT_READ_FAILS(readS32, Bytes({0xff, 0xff, 0xff, 0xff, 0x0f}), 4,
                    "integer too large");
  // Sign bit clear, upper bits set.
  EXPECT_READ_FAILS(readS32, Bytes({0x80, 0x80, 0x80, 0x80, 0x70}), 4,
                    "integer too large");
  // Only some of the upper bits set.
  EXPECT_READ_FAILS(readS32, Bytes({0x80, 0x80, 0x80, 0x80, 0x1f}), 4,
                    "integer too large");
  EXPECT_READ_FAILS(readS32, Bytes({0xff, 0xff, 0xff, 0xff, 0x4f}), 4,
                    "integer too large");
  EXPECT_READ_FAILS(readS32, Bytes({0xff, 0xff, 0xff, 0xff, 0xff, 0x7f}), 4,
                    "integer representation too long");
}

TEST(LEB128Test, S33) {
  // Block types: -64 is 0x40, the empty block type.
  EXPECT_READS(readS33, Bytes({0x40}), -64);
  EXPECT_READS(readS33, Bytes({0x7f}), -1);
  // 33 bits hold every u32 type index as a non-negative number.
  EXPECT_READS(readS33, Bytes({0xff, 0xff, 0xff, 0xff, 0x0f}),
               int64_t(0xffffffff));
  EXPECT_READS(readS33, Bytes({0x80, 0x80, 0x80, 0x80, 0x70}),
               -(int64_t(1) << 32));
  EXPECT_READS(readS33, Bytes({0xff, 0xff, 0xff, 0xff, 0x7f}), -1);
}

TEST(LEB128Test, S33UnusedBitsNotSignExtension) {
  // Fifth byte: bits 28..32 carry the value; bits 33 and 34 must equal
  // bit 32.
  EXPECT_READ_FAILS(readS33, Bytes({0x80, 0x80, 0x80, 0x80, 0x20}), 4,
                    "integer too large");
  EXPECT_READ_FAILS(readS33, Bytes({0xff, 0xff, 0xff, 0xff, 0x1f}), 4,
                    "integer too large");
  EXPECT_READ_FAILS(readS33, Bytes({0x80, 0x80, 0x80, 0x80, 0x80, 0x00}), 4,
                    "integer representation too long");
}

TEST(LEB128Test, U64) {
  EXPECT_READS(readU64, Bytes({0x00}), 0u);
  EXPECT_READS(
      readU64,
      Bytes({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00}), 0u);
  EXPECT_READS(
      readU64,
      Bytes({0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}),
      std::numeric_limits<uint64_t>::max());
  // The tenth byte carries only bit 63.
  EXPECT_READ_FAILS(
      readU64,
      Bytes({0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02}), 9,
      "integer too large");
  EXPECT_READ_FAILS(
      readU64,
      Bytes({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00}),
      9, "integer representation too long");
}

TEST(LEB128Test, S64) {
  EXPECT_READS(readS64, Bytes({0x7f}), -1);
  EXPECT_READS(
      readS64,
      Bytes({0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00}),
      std::numeric_limits<int64_t>::max());
  EXPECT_READS(
      readS64,
      Bytes({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f}),
      std::numeric_limits<int64_t>::min());
  EXPECT_READS(
      readS64,
      Bytes({0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f}), -1);
  // Tenth byte: bit 0 is bit 63, the sign; bits 1..6 must repeat it.
  EXPECT_READ_FAILS(
      readS64,
      Bytes({0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}), 9,
      "integer too large");
  EXPECT_READ_FAILS(
      readS64,
      Bytes({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02}), 9,
      "integer too large");
  EXPECT_READ_FAILS(
      readS64,
      Bytes({0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f}),
      9, "integer representation too long");
}

TEST(ByteReaderTest, ErrorsAreSticky) {
  Bytes B{0x80};
  ByteReader R(B, Base);
  EXPECT_EQ(R.readVarU32(), 0u);
  EXPECT_TRUE(R.failed());
  // Later reads neither move nor replace the first error.
  EXPECT_EQ(R.readU8(), 0u);
  R.fail(Base, "second error");
  EXPECT_TRUE(failsAt(R.takeError(), Base + 1, "unexpected end"));
}

TEST(ByteReaderTest, FixedWidth) {
  Bytes B{0x78, 0x56, 0x34, 0x12, 0xef, 0xcd,
          0xab, 0x89, 0x67, 0x45, 0x23, 0x01};
  ByteReader R(B, Base);
  EXPECT_EQ(R.readFixedU32(), 0x12345678u);
  EXPECT_EQ(R.readFixedU64(), 0x0123456789abcdefull);
  EXPECT_TRUE(R.atEnd());
  EXPECT_TRUE(succeeds(R.takeError()));

  Bytes Short{1, 2, 3};
  ByteReader S(Short, Base);
  EXPECT_EQ(S.readFixedU32(), 0u);
  EXPECT_TRUE(failsAt(S.takeError(), Base, "unexpected end"));
}

TEST(ByteReaderTest, CountMustFitTheRemainingBytes) {
  // A count of 3 elements of at least 2 bytes each needs 6 more bytes.
  Bytes B{0x03, 1, 2, 3, 4, 5};
  ByteReader R(B, Base);
  EXPECT_EQ(R.readCount(2), 0u);
  EXPECT_TRUE(failsAt(R.takeError(), Base, "length out of bounds"));

  Bytes Huge{0xff, 0xff, 0xff, 0xff, 0x0f};
  ByteReader H(Huge, Base);
  EXPECT_EQ(H.readCount(), 0u);
  EXPECT_TRUE(failsAt(H.takeError(), Base, "length out of bounds"));
}

//===----------------------------------------------------------------------===//
// Names and UTF-8
//===----------------------------------------------------------------------===//

bool valid(std::initializer_list<uint8_t> B) {
  return isValidUTF8(ArrayRef<uint8_t>(B.begin(), B.size()));
}

TEST(UTF8Test, WellFormed) {
  EXPECT_TRUE(valid({}));
  EXPECT_TRUE(valid({'a', 'b', 'c'}));
  EXPECT_TRUE(valid({0x00}));
  EXPECT_TRUE(valid({0x7f}));
  EXPECT_TRUE(valid({0xc2, 0x80}));             // U+0080
  EXPECT_TRUE(valid({0xdf, 0xbf}));             // U+07FF
  EXPECT_TRUE(valid({0xe0, 0xa0, 0x80}));       // U+0800
  EXPECT_TRUE(valid({0xed, 0x9f, 0xbf}));       // U+D7FF
  EXPECT_TRUE(valid({0xee, 0x80, 0x80}));       // U+E000
  EXPECT_TRUE(valid({0xef, 0xbf, 0xbf}));       // U+FFFF
  EXPECT_TRUE(valid({0xf0, 0x90, 0x80, 0x80})); // U+10000
  EXPECT_TRUE(valid({0xf4, 0x8f, 0xbf, 0xbf})); // U+10FFFF
}

TEST(UTF8Test, Overlong) {
  EXPECT_FALSE(valid({0xc0, 0x80}));             // U+0000 in 2 bytes
  EXPECT_FALSE(valid({0xc1, 0xbf}));             // U+007F in 2 bytes
  EXPECT_FALSE(valid({0xe0, 0x80, 0x80}));       // U+0000 in 3 bytes
  EXPECT_FALSE(valid({0xe0, 0x9f, 0xbf}));       // U+07FF in 3 bytes
  EXPECT_FALSE(valid({0xf0, 0x80, 0x80, 0x80})); // U+0000 in 4 bytes
  EXPECT_FALSE(valid({0xf0, 0x8f, 0xbf, 0xbf})); // U+FFFF in 4 bytes
}

TEST(UTF8Test, Surrogates) {
  EXPECT_FALSE(valid({0xed, 0xa0, 0x80})); // U+D800
  EXPECT_FALSE(valid({0xed, 0xbf, 0xbf})); // U+DFFF
  // A CESU-8 style pair is two surrogates, not one code point.
  EXPECT_FALSE(valid({0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80}));
}

TEST(UTF8Test, AboveMaxCodePoint) {
  EXPECT_FALSE(valid({0xf4, 0x90, 0x80, 0x80})); // U+110000
  EXPECT_FALSE(valid({0xf7, 0xbf, 0xbf, 0xbf})); // U+1FFFFF
  EXPECT_FALSE(valid({0xf8, 0x88, 0x80, 0x80, 0x80}));
  EXPECT_FALSE(valid({0xfe}));
  EXPECT_FALSE(valid({0xff}));
}

TEST(UTF8Test, BadSequences) {
  EXPECT_FALSE(valid({0x80}));             // lone continuation byte
  EXPECT_FALSE(valid({'a', 0xbf, 'b'}));   // continuation after ASCII
  EXPECT_FALSE(valid({0xc2, 0x41}));       // lead byte, then ASCII
  EXPECT_FALSE(valid({0xe2, 0x28, 0xa1})); // bad second byte
  EXPECT_FALSE(valid({0xe2, 0x82, 0x28})); // bad third byte
}

TEST(UTF8Test, Truncated) {
  EXPECT_FALSE(valid({0xc2}));
  EXPECT_FALSE(valid({0xe2, 0x82}));
  EXPECT_FALSE(valid({0xf0, 0x90, 0x80}));
  EXPECT_FALSE(valid({'a', 'b', 0xf0}));
}

TEST(NameTest, ReadsValidName) {
  Bytes B = cat({name("h\xc3\xa9llo"), {0x42}});
  ByteReader R(B, Base);
  EXPECT_EQ(R.readName(), "h\xc3\xa9llo");
  EXPECT_EQ(R.offset(), Base + 7);
  EXPECT_TRUE(succeeds(R.takeError()));
}

TEST(NameTest, MalformedUTF8IsReportedAtTheNameBytes) {
  Bytes B{0x03, 'a', 0xc0, 0x80};
  ByteReader R(B, Base);
  EXPECT_EQ(R.readName(), "");
  EXPECT_TRUE(failsAt(R.takeError(), Base + 1, "malformed UTF-8 encoding"));
}

TEST(NameTest, LengthBeyondTheInput) {
  Bytes B{0x05, 'a', 'b'};
  ByteReader R(B, Base);
  EXPECT_EQ(R.readName(), "");
  EXPECT_TRUE(failsAt(R.takeError(), Base, "length out of bounds"));
}

} // namespace
