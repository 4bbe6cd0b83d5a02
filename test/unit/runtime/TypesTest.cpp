//===- TypesTest.cpp - Canonical types and import matching ----------------===//
///
/// \file
/// The store's canonical type ids (what call_indirect compares across
/// modules) and the limits subtyping of table and memory imports.
///
//===----------------------------------------------------------------------===//

#include "wasm2native/types.h"

#include "gtest/gtest.h"

using namespace w2n::rt;

TEST(TypeRegistryTest, EqualTypesGetEqualIds) {
  TypeRegistry R;
  uint32_t A = R.intern(FuncType({W2N_I32, W2N_I64}, {W2N_F32}));
  uint32_t B = R.intern(FuncType({W2N_I32}, {W2N_I64, W2N_F32}));
  uint32_t C = R.intern(FuncType({}, {}));
  EXPECT_NE(A, 0u);
  EXPECT_NE(A, B);
  EXPECT_NE(A, C);
  EXPECT_NE(B, C);
  EXPECT_EQ(R.intern(FuncType({W2N_I32, W2N_I64}, {W2N_F32})), A);
  EXPECT_EQ(R.size(), 3u);

  // The same type as two modules' descriptors spell it.
  const uint8_t M1[] = {W2N_I32, W2N_I32, W2N_FUNCREF};
  uint8_t M2[] = {W2N_I32, W2N_I32, W2N_FUNCREF};
  w2n_func_type T1 = {2, 1, M1};
  w2n_func_type T2 = {2, 1, M2};
  w2n_func_type T3 = {1, 2, M2};
  EXPECT_EQ(R.intern(T1), R.intern(T2));
  EXPECT_NE(R.intern(T1), R.intern(T3));

  ASSERT_NE(R.lookup(A), nullptr);
  EXPECT_EQ(*R.lookup(A), FuncType({W2N_I32, W2N_I64}, {W2N_F32}));
  EXPECT_EQ(R.lookup(0), nullptr);
  EXPECT_EQ(R.lookup(1000), nullptr);
  EXPECT_EQ(R.lookup(A)->str(), "(i32 i64) -> (f32)");
}

TEST(ImportMatchTest, LimitsSubtyping) {
  auto L = [](uint64_t Min, std::optional<uint64_t> Max) {
    w2n_limits X = {Min, Max.value_or(0), Max.has_value(), 0};
    return X;
  };
  // Expected without a maximum: any maximum or none.
  EXPECT_TRUE(limitsMatch(1, std::nullopt, L(1, std::nullopt)));
  EXPECT_TRUE(limitsMatch(2, 5, L(1, std::nullopt)));
  EXPECT_FALSE(limitsMatch(0, 5, L(1, std::nullopt)));
  // Expected with a maximum: the actual one must have one, no larger.
  EXPECT_TRUE(limitsMatch(1, 2, L(1, 2)));
  EXPECT_TRUE(limitsMatch(2, 2, L(1, 3)));
  EXPECT_FALSE(limitsMatch(1, 3, L(1, 2)));
  EXPECT_FALSE(limitsMatch(1, std::nullopt, L(1, 2)));
  EXPECT_FALSE(limitsMatch(0, 1, L(1, 2)));
}
