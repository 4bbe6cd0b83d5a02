//===- HostTableTest.cpp - Host functions called through tables -----------===//
///
/// \file
/// The compiler emits host trampolines only for the types a module imports
/// or calls indirectly. HostTableModule.wat (compiled by the build) imports
/// nothing; a host function the embedder stores in its table must still be
/// callable through call_indirect, whether it was made before or after the
/// instance.
///
//===----------------------------------------------------------------------===//

#include "wasm2native/runtime.h"

#include "gtest/gtest.h"

#include <cstring>

using namespace w2n::rt;

namespace {

/// (i32) -> (i32): adds 7.
void addSeven(void *, w2n_val *Slots) { Slots[0].i32 += 7; }

class HostTableTest : public ::testing::Test {
protected:
  void SetUp() override {
    std::string Err;
    Mod = LoadedModule::load(W2N_HOST_TABLE_MODULE_PATH, Err);
    ASSERT_TRUE(Mod) << Err;
  }

  uint32_t callThroughTable(Store &S, Instance &I, Func *F, uint32_t Arg) {
    I.getExport("tab")->T->set(0, F->ref());
    w2n_val A, R;
    std::memset(&A, 0, sizeof(A));
    std::memset(&R, 0, sizeof(R));
    A.i32 = Arg;
    Trap T = S.call(I.exportedFunc("call"), &A, 1, &R, 1);
    EXPECT_FALSE(T) << T.Message;
    return R.i32;
  }

  std::shared_ptr<LoadedModule> Mod;
};

} // namespace

TEST_F(HostTableTest, MadeBeforeTheInstance) {
  Store S;
  Func *F = S.createHostFunc(FuncType({W2N_I32}, {W2N_I32}), addSeven, nullptr);
  InstantiateResult R = S.instantiate(Mod, {});
  ASSERT_NE(R.Inst, nullptr) << R.Err.Message;
  EXPECT_EQ(callThroughTable(S, *R.Inst, F, 5), 12u);
}

TEST_F(HostTableTest, MadeAfterTheInstance) {
  Store S;
  InstantiateResult R = S.instantiate(Mod, {});
  ASSERT_NE(R.Inst, nullptr) << R.Err.Message;
  Func *F = S.createHostFunc(FuncType({W2N_I32}, {W2N_I32}), addSeven, nullptr);
  EXPECT_EQ(callThroughTable(S, *R.Inst, F, 30), 37u);
}

TEST_F(HostTableTest, UnusedTypesHaveNoTrampolines) {
  const w2n_module_descriptor &D = Mod->descriptor();
  ASSERT_EQ(D.num_types, 2u);
  EXPECT_NE(D.host_trampolines[0], nullptr); // call_indirect's type
  EXPECT_NE(D.invoke[0], nullptr);           // the export's type
  EXPECT_EQ(D.host_trampolines[1], nullptr);
  EXPECT_EQ(D.invoke[1], nullptr);
}
