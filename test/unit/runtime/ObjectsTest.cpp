//===- ObjectsTest.cpp - Memories, tables and trap messages ---------------===//
///
/// \file
/// The run-time objects without any module: the reservation and growth of
/// memories in both bounds-check modes, the spec's bounds rules of the bulk
/// operations, table growth and the trap message table.
///
//===----------------------------------------------------------------------===//

#include "wasm2native/objects.h"
#include "wasm2native/traps.h"

#include "gtest/gtest.h"

#include <csetjmp>
#include <csignal>
#include <cstring>

using namespace w2n::rt;

namespace {

constexpr uint64_t Page = W2N_WASM_PAGE_SIZE;

w2n_limits limits(uint64_t Min, std::optional<uint64_t> Max = std::nullopt) {
  w2n_limits L;
  std::memset(&L, 0, sizeof(L));
  L.min = Min;
  L.max = Max.value_or(0);
  L.has_max = Max.has_value();
  return L;
}

MemoryOptions guardMode(uint64_t GuardBytes = uint64_t(2) << 30) {
  MemoryOptions O;
  O.Guard = true;
  O.GuardBytes = GuardBytes;
  return O;
}

MemoryOptions explicitMode() {
  MemoryOptions O;
  O.Guard = false;
  return O;
}

// Probes whether an address is accessible by touching it under a SIGSEGV
// handler of our own (outside wasm; no runtime handler involved).
sigjmp_buf ProbeJmp;
void probeHandler(int) { siglongjmp(ProbeJmp, 1); }

bool isAccessible(volatile uint8_t *P) {
  struct sigaction Old, New;
  std::memset(&New, 0, sizeof(New));
  New.sa_handler = probeHandler;
  sigemptyset(&New.sa_mask);
  sigaction(SIGSEGV, &New, &Old);
  bool OK = false;
  if (sigsetjmp(ProbeJmp, 1) == 0) {
    (void)*P;
    OK = true;
  }
  sigaction(SIGSEGV, &Old, nullptr);
  return OK;
}

} // namespace

TEST(MemoryTest, GuardModeReservesFourGiBPlusGuard) {
  std::string Err;
  auto M = Memory::create(limits(2, 10), guardMode(), Err);
  ASSERT_TRUE(M) << Err;
  EXPECT_TRUE(M->isGuard());
  EXPECT_EQ(M->reservedBytes(), (uint64_t(4) << 30) + (uint64_t(2) << 30));
  EXPECT_EQ(M->pages(), 2u);
  EXPECT_EQ(M->sizeBytes(), 2 * Page);
  EXPECT_EQ(M->abi()->base, M->data());
  EXPECT_TRUE(isAccessible(M->data() + 2 * Page - 1));
  EXPECT_FALSE(isAccessible(M->data() + 2 * Page));
  EXPECT_FALSE(isAccessible(M->data() + (uint64_t(5) << 30)));
}

// A freed reservation's address is asked for again (only as a hint, which
// bounds qemu-user's page tables; docs/cross.md), and the memory that gets
// it is new: zero, and accessible only as far as its own size.
TEST(MemoryTest, FreedReservationIsReusedFresh) {
  std::string Err;
  auto M = Memory::create(limits(2, 10), guardMode(), Err);
  ASSERT_TRUE(M) << Err;
  uint8_t *Base = M->data();
  M->data()[0] = 7;
  M->data()[2 * Page - 1] = 9;
  M.reset();
  auto N = Memory::create(limits(1, 10), guardMode(), Err);
  ASSERT_TRUE(N) << Err;
  EXPECT_EQ(N->data(), Base);
  EXPECT_EQ(N->data()[0], 0);
  EXPECT_TRUE(isAccessible(N->data() + Page - 1));
  EXPECT_FALSE(isAccessible(N->data() + Page));
  EXPECT_FALSE(isAccessible(N->data() + 2 * Page - 1));
}

TEST(MemoryTest, GrowCommitsPagesAndKeepsTheBase) {
  for (bool Guard : {true, false}) {
    SCOPED_TRACE(Guard ? "guard" : "explicit");
    std::string Err;
    auto M =
        Memory::create(limits(1, 4), Guard ? guardMode() : explicitMode(), Err);
    ASSERT_TRUE(M) << Err;
    uint8_t *Base = M->data();
    M->data()[0] = 7;
    EXPECT_EQ(M->grow(0), 1u);
    EXPECT_EQ(M->grow(2), 1u);
    EXPECT_EQ(M->pages(), 3u);
    EXPECT_EQ(M->data(), Base);
    EXPECT_EQ(M->data()[0], 7);
    EXPECT_EQ(M->data()[3 * Page - 1], 0); // fresh pages are zero
    EXPECT_TRUE(isAccessible(M->data() + 3 * Page - 1));
    EXPECT_FALSE(isAccessible(M->data() + 3 * Page));
    // Past the declared maximum: fails and changes nothing.
    EXPECT_EQ(M->grow(2), UINT32_MAX);
    EXPECT_EQ(M->pages(), 3u);
    EXPECT_EQ(M->grow(1), 3u);
    EXPECT_EQ(M->grow(1), UINT32_MAX);
    EXPECT_EQ(M->pages(), 4u);
  }
}

TEST(MemoryTest, ExplicitModeReservesTheMaximumOnly) {
  std::string Err;
  auto M = Memory::create(limits(0, 3), explicitMode(), Err);
  ASSERT_TRUE(M) << Err;
  EXPECT_FALSE(M->isGuard());
  EXPECT_EQ(M->reservedBytes(), 3 * Page);
  EXPECT_NE(M->data(), nullptr);
  EXPECT_EQ(M->sizeBytes(), 0u);

  // A memory that can never grow still has a real base.
  auto Z = Memory::create(limits(0, 0), explicitMode(), Err);
  ASSERT_TRUE(Z) << Err;
  EXPECT_NE(Z->data(), nullptr);
  EXPECT_EQ(Z->grow(1), UINT32_MAX);
  EXPECT_EQ(Z->grow(0), 0u);
}

TEST(MemoryTest, UnboundedMemoryStopsAt65536Pages) {
  for (bool Guard : {true, false}) {
    std::string Err;
    auto M =
        Memory::create(limits(0), Guard ? guardMode() : explicitMode(), Err);
    ASSERT_TRUE(M) << Err;
    EXPECT_EQ(M->maxPages(), std::nullopt);
    EXPECT_EQ(M->grow(65537), UINT32_MAX);
    EXPECT_EQ(M->grow(uint64_t(1) << 32), UINT32_MAX);
    EXPECT_EQ(M->grow(1), 0u);
    EXPECT_EQ(M->grow(65536), UINT32_MAX);
    EXPECT_EQ(M->pages(), 1u);
  }
}

TEST(MemoryTest, DeclaredMaximumAboveFourGiBIsClamped) {
  std::string Err;
  auto M = Memory::create(limits(0, 100000), explicitMode(), Err);
  ASSERT_TRUE(M) << Err;
  EXPECT_EQ(M->maxPages(), 100000u);
  EXPECT_EQ(M->reservedBytes(), uint64_t(1) << 32);
  EXPECT_EQ(M->grow(65537), UINT32_MAX);
}

TEST(MemoryTest, MinimumAboveMaximumFails) {
  std::string Err;
  EXPECT_FALSE(Memory::create(limits(65537), guardMode(), Err));
  EXPECT_NE(Err.find("65537"), std::string::npos);
}

TEST(MemoryTest, BulkOperationsCheckTheWholeRangeFirst) {
  std::string Err;
  auto M = Memory::create(limits(1), explicitMode(), Err);
  ASSERT_TRUE(M) << Err;
  uint8_t *D = M->data();

  EXPECT_EQ(M->fill(10, 0xab, 5), W2N_TRAP_NONE);
  EXPECT_EQ(D[10], 0xab);
  EXPECT_EQ(D[14], 0xab);
  EXPECT_EQ(D[15], 0);
  // Zero-length accesses are fine up to and including the end.
  EXPECT_EQ(M->fill(Page, 1, 0), W2N_TRAP_NONE);
  EXPECT_EQ(M->fill(Page + 1, 1, 0), W2N_TRAP_MEMORY_OUT_OF_BOUNDS);
  // Partly out of bounds: nothing is written.
  EXPECT_EQ(M->fill(Page - 2, 0xcd, 3), W2N_TRAP_MEMORY_OUT_OF_BOUNDS);
  EXPECT_EQ(D[Page - 1], 0);
  // Huge values do not wrap around.
  EXPECT_EQ(M->fill(UINT64_MAX, 1, 2), W2N_TRAP_MEMORY_OUT_OF_BOUNDS);
  EXPECT_EQ(M->fill(2, 1, UINT64_MAX), W2N_TRAP_MEMORY_OUT_OF_BOUNDS);
  EXPECT_EQ(M->fill(0xffffffff, 1, 0xffffffff), W2N_TRAP_MEMORY_OUT_OF_BOUNDS);

  // copy is memmove.
  std::memcpy(D, "abcdef", 6);
  EXPECT_EQ(M->copy(2, 0, 4), W2N_TRAP_NONE);
  EXPECT_EQ(std::memcmp(D, "ababcd", 6), 0);
  EXPECT_EQ(M->copy(0, 2, 4), W2N_TRAP_NONE);
  EXPECT_EQ(std::memcmp(D, "abcdcd", 6), 0);
  EXPECT_EQ(M->copy(Page - 1, 0, 2), W2N_TRAP_MEMORY_OUT_OF_BOUNDS);
  EXPECT_EQ(M->copy(0, Page - 1, 2), W2N_TRAP_MEMORY_OUT_OF_BOUNDS);
  EXPECT_EQ(std::memcmp(D, "abcdcd", 6), 0);
  EXPECT_EQ(M->copy(Page, Page, 0), W2N_TRAP_NONE);

  // init checks the segment range too.
  const uint8_t Seg[] = {1, 2, 3, 4};
  EXPECT_EQ(M->init(100, Seg, 4, 1, 3), W2N_TRAP_NONE);
  EXPECT_EQ(D[100], 2);
  EXPECT_EQ(D[102], 4);
  EXPECT_EQ(M->init(200, Seg, 4, 2, 3), W2N_TRAP_MEMORY_OUT_OF_BOUNDS);
  EXPECT_EQ(D[200], 0);
  EXPECT_EQ(M->init(Page, Seg, 4, 4, 0), W2N_TRAP_NONE);
  EXPECT_EQ(M->init(0, Seg, 4, 5, 0), W2N_TRAP_MEMORY_OUT_OF_BOUNDS);
  // A dropped segment has size 0.
  EXPECT_EQ(M->init(0, Seg, 0, 0, 0), W2N_TRAP_NONE);
  EXPECT_EQ(M->init(0, Seg, 0, 0, 1), W2N_TRAP_MEMORY_OUT_OF_BOUNDS);
}

namespace {

w2n_table_type tableType(uint64_t Min, std::optional<uint64_t> Max,
                         uint8_t Elem = W2N_FUNCREF) {
  w2n_table_type T;
  std::memset(&T, 0, sizeof(T));
  T.elem_type = Elem;
  T.limits = limits(Min, Max);
  return T;
}

void *ref(uintptr_t N) { return reinterpret_cast<void *>(N); }

} // namespace

TEST(TableTest, CreateGrowAndLimits) {
  std::string Err;
  auto T = Table::create(tableType(2, 5, W2N_EXTERNREF), ref(9), Err);
  ASSERT_TRUE(T) << Err;
  EXPECT_EQ(T->size(), 2u);
  EXPECT_EQ(T->abi()->size, 2u);
  EXPECT_EQ(T->abi()->max, 5u);
  EXPECT_EQ(T->elemType(), W2N_EXTERNREF);
  EXPECT_EQ(T->elems()[1], ref(9));
  EXPECT_EQ(T->grow(0, nullptr), 2u);
  EXPECT_EQ(T->grow(2, ref(3)), 2u);
  EXPECT_EQ(T->size(), 4u);
  EXPECT_EQ(T->elems()[0], ref(9));
  EXPECT_EQ(T->elems()[3], ref(3));
  EXPECT_EQ(T->grow(2, nullptr), UINT32_MAX);
  EXPECT_EQ(T->size(), 4u);
  EXPECT_EQ(T->grow(1, nullptr), 4u);

  auto U = Table::create(tableType(0, std::nullopt), nullptr, Err);
  ASSERT_TRUE(U) << Err;
  EXPECT_EQ(U->abi()->max, UINT32_MAX);
  EXPECT_NE(U->abi()->elems, nullptr);
  EXPECT_EQ(U->grow(0xfffffff0, nullptr), UINT32_MAX);
  EXPECT_EQ(U->grow(uint64_t(1) << 32, nullptr), UINT32_MAX);
  EXPECT_EQ(U->grow(10, nullptr), 0u);
  EXPECT_EQ(U->size(), 10u);

  EXPECT_FALSE(Table::create(tableType(Table::MaxElements + 1, std::nullopt),
                             nullptr, Err));
}

TEST(TableTest, BulkOperations) {
  std::string Err;
  auto T = Table::create(tableType(4, std::nullopt), nullptr, Err);
  ASSERT_TRUE(T) << Err;
  void *Out = ref(1);
  EXPECT_TRUE(T->get(3, Out));
  EXPECT_EQ(Out, nullptr);
  EXPECT_FALSE(T->get(4, Out));
  EXPECT_TRUE(T->set(0, ref(8)));
  EXPECT_FALSE(T->set(4, ref(8)));

  EXPECT_EQ(T->fill(1, ref(5), 3), W2N_TRAP_NONE);
  EXPECT_EQ(T->elems()[3], ref(5));
  EXPECT_EQ(T->fill(4, ref(6), 0), W2N_TRAP_NONE);
  EXPECT_EQ(T->fill(5, ref(6), 0), W2N_TRAP_TABLE_OUT_OF_BOUNDS);
  EXPECT_EQ(T->fill(3, ref(6), 2), W2N_TRAP_TABLE_OUT_OF_BOUNDS);
  EXPECT_EQ(T->elems()[3], ref(5));

  // [8, 5, 5, 5] -> copy 0..2 to 1: [8, 8, 5, 5]
  EXPECT_EQ(T->copyFrom(*T, 1, 0, 2), W2N_TRAP_NONE);
  EXPECT_EQ(T->elems()[1], ref(8));
  EXPECT_EQ(T->elems()[2], ref(5));
  EXPECT_EQ(T->copyFrom(*T, 3, 0, 2), W2N_TRAP_TABLE_OUT_OF_BOUNDS);
  EXPECT_EQ(T->copyFrom(*T, 0, 3, 2), W2N_TRAP_TABLE_OUT_OF_BOUNDS);
  EXPECT_EQ(T->copyFrom(*T, 4, 4, 0), W2N_TRAP_NONE);

  void *Items[] = {ref(20), ref(21), ref(22)};
  EXPECT_EQ(T->init(0, Items, 3, 1, 2), W2N_TRAP_NONE);
  EXPECT_EQ(T->elems()[0], ref(21));
  EXPECT_EQ(T->elems()[1], ref(22));
  EXPECT_EQ(T->init(3, Items, 3, 0, 2), W2N_TRAP_TABLE_OUT_OF_BOUNDS);
  EXPECT_EQ(T->init(0, Items, 3, 2, 2), W2N_TRAP_TABLE_OUT_OF_BOUNDS);
  EXPECT_EQ(T->init(0, Items, 0, 0, 1), W2N_TRAP_TABLE_OUT_OF_BOUNDS);
  EXPECT_EQ(T->elems()[3], ref(5));
}

TEST(TrapTest, MessagesAreTheSpecs) {
  EXPECT_STREQ(trapMessage(W2N_TRAP_UNREACHABLE), "unreachable");
  EXPECT_STREQ(trapMessage(W2N_TRAP_INT_DIV_BY_ZERO), "integer divide by zero");
  EXPECT_STREQ(trapMessage(W2N_TRAP_INT_OVERFLOW), "integer overflow");
  EXPECT_STREQ(trapMessage(W2N_TRAP_INVALID_CONVERSION),
               "invalid conversion to integer");
  EXPECT_STREQ(trapMessage(W2N_TRAP_MEMORY_OUT_OF_BOUNDS),
               "out of bounds memory access");
  EXPECT_STREQ(trapMessage(W2N_TRAP_TABLE_OUT_OF_BOUNDS),
               "out of bounds table access");
  EXPECT_STREQ(trapMessage(W2N_TRAP_UNDEFINED_ELEMENT), "undefined element");
  EXPECT_STREQ(trapMessage(W2N_TRAP_UNINITIALIZED_ELEMENT),
               "uninitialized element");
  EXPECT_STREQ(trapMessage(W2N_TRAP_INDIRECT_CALL_TYPE_MISMATCH),
               "indirect call type mismatch");
  EXPECT_STREQ(trapMessage(W2N_TRAP_CALL_STACK_EXHAUSTED),
               "call stack exhausted");
  EXPECT_STREQ(trapMessage(999), "unknown trap");

  Trap T;
  EXPECT_FALSE(T);
  T.Kind = W2N_TRAP_UNREACHABLE;
  T.Message = "unreachable";
  EXPECT_TRUE(T);
  EXPECT_EQ(T.str(), "unreachable");
  T.Function = "f";
  EXPECT_EQ(T.str(), "unreachable (in f)");
}
