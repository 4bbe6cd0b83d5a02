//===- FeaturesTest.cpp - --wasm-features ---------------------------------===//
///
/// \file
/// Parsing and printing of feature sets: the 2.0 and 3.0 bases, +NAME and
/// -NAME applied in order, unknown names refused with the known ones.
///
//===----------------------------------------------------------------------===//

#include "decode/Features.h"

#include "gtest/gtest.h"

using namespace llvm;
using namespace w2n;

namespace {

std::string parsed(StringRef Spec) {
  Expected<FeatureSet> F = parseFeatures(Spec);
  return F ? F->str() : "error: " + toString(F.takeError());
}

TEST(FeaturesTest, BasesAndChanges) {
  EXPECT_EQ(parsed(""), "3.0");
  EXPECT_EQ(parsed("3.0"), "3.0");
  EXPECT_EQ(parsed("2.0"), "2.0");
  EXPECT_EQ(parsed("2.0,+memory64"), "2.0,+memory64");
  EXPECT_EQ(parsed("2.0,memory64"), "2.0,+memory64");
  EXPECT_EQ(parsed("-relaxed-simd"), "3.0,-relaxed-simd");
  EXPECT_EQ(parsed("2.0,+memory64,-memory64"), "2.0");
  EXPECT_EQ(parsed("-memory64,-relaxed-simd,-multi-memory,-tail-call"),
            "2.0,+extended-const");
  EXPECT_EQ(parsed(" 2.0 , +relaxed-simd "), "2.0,+relaxed-simd");
  EXPECT_TRUE(parseFeatures("2.0")->has(Feature::ExtendedConst) == false);
  EXPECT_TRUE(parseFeatures("3.0")->has(Feature::Memory64));
}

TEST(FeaturesTest, UnknownNames) {
  EXPECT_EQ(parsed("+gc"),
            "error: unknown WebAssembly feature 'gc' (known: 2.0, 3.0, "
            "extended-const, memory64, relaxed-simd, multi-memory, tail-call)");
  EXPECT_EQ(parsed("4.0"),
            "error: unknown WebAssembly feature '4.0' (known: 2.0, 3.0, "
            "extended-const, memory64, relaxed-simd, multi-memory, tail-call)");
}

} // namespace
