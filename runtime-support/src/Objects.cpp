//===- Objects.cpp - Memories and tables ----------------------------------===//
///
/// \file
/// SANDBOX-CRITICAL. The memory reservation is what makes guard-mode code
/// (which does not compare addresses) safe: every 32-bit address plus a
/// 32-bit offset must land either in the accessible part of the memory or
/// in inaccessible address space of the same reservation, and the base must
/// never move. The bulk operations must check the whole range before the
/// first write. Changes here need two reviews.
///
//===----------------------------------------------------------------------===//

#include "wasm2native/objects.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <sys/mman.h>
#include <type_traits>
#include <utility>
#include <vector>

namespace w2n::rt {

static_assert(std::is_standard_layout_v<Memory>, "Memory must start with Abi");
static_assert(std::is_standard_layout_v<Table>, "Table must start with Abi");
static_assert(std::is_standard_layout_v<Global> && offsetof(Global, Value) == 0,
              "globals[i] points at the value");
static_assert(std::is_standard_layout_v<Func> && offsetof(Func, Ref) == 0,
              "a funcref value is the address of its Func");
static_assert(std::is_standard_layout_v<HostFunc> &&
                  offsetof(HostFunc, Abi) == 0,
              "trampolines receive the HostFunc as a w2n_host_func");

namespace {

constexpr uint64_t PageSize = W2N_WASM_PAGE_SIZE;
constexpr uint64_t MaxPages32 = 65536; // 4 GiB
constexpr uint64_t FourGiB = uint64_t(1) << 32;

/// Where recently freed reservations were, to ask for the same addresses
/// again. It is only a hint to mmap, never MAP_FIXED: the kernel still
/// returns free, new, zeroed PROT_NONE pages (at another address if that
/// one has been taken since), so nothing of a freed memory is reused but
/// its address. On hardware this changes little (Linux's top-down search
/// finds the same gap anyway). Under qemu-user 7.2 it bounds the
/// emulator's memory: qemu places each guest mapping after the previous
/// one, back in a freed range only once it has gone round the whole address
/// space, and keeps 24 bytes of page descriptors for each 4 KiB guest page
/// it has ever mapped, so each guard reservation (8 GiB) at a new address
/// cost it 49 MB until it exited (docs/cross.md).
class FreedReservations {
public:
  void *take(uint64_t Bytes) {
    std::lock_guard<std::mutex> Lock(Mu);
    for (size_t I = Freed.size(); I-- > 0;) {
      if (Freed[I].second != Bytes)
        continue;
      void *Addr = Freed[I].first;
      Freed.erase(Freed.begin() + I);
      return Addr;
    }
    return nullptr;
  }
  void put(void *Addr, uint64_t Bytes) {
    std::lock_guard<std::mutex> Lock(Mu);
    if (Freed.size() == MaxEntries)
      Freed.erase(Freed.begin());
    Freed.emplace_back(Addr, Bytes);
  }

private:
  static constexpr size_t MaxEntries = 64;
  std::mutex Mu;
  std::vector<std::pair<void *, uint64_t>> Freed;
};

FreedReservations &freedReservations() {
  // Never destroyed: memories may be freed by other static destructors.
  static FreedReservations *F = new FreedReservations();
  return *F;
}

/// Whether [Off, Off + Len) lies within [0, Size), without overflow.
bool inRange(uint64_t Off, uint64_t Len, uint64_t Size) {
  return Len <= Size && Off <= Size - Len;
}

} // namespace

// ---- Memory ---------------------------------------------------------------

std::unique_ptr<Memory> Memory::create(const w2n_limits &Type,
                                       const MemoryOptions &Opts,
                                       std::string &Err) {
  std::unique_ptr<Memory> M(new Memory());
  M->Is64 = Type.flags & W2N_LIMITS_I64;
  if (Type.has_max)
    M->DeclaredMax = Type.max;
  M->LimitPages = std::min<uint64_t>(Type.has_max ? Type.max : MaxPages32,
                                     std::min(MaxPages32, Opts.MaxPages));
  if (Type.min > M->LimitPages) {
    Err = "memory minimum of " + std::to_string(Type.min) +
          " pages exceeds the maximum of " + std::to_string(M->LimitPages);
    return nullptr;
  }
  M->Guard = Opts.Guard;
  uint64_t Reserve;
  if (Opts.Guard) {
    if (sizeof(void *) < 8) {
      Err = "guard-mode memories need a 64-bit address space";
      return nullptr;
    }
    M->GuardBytes = Opts.GuardBytes;
    Reserve = FourGiB + Opts.GuardBytes;
  } else {
    // At least one page, so that the base is a real, unique address even
    // for a memory that can never grow.
    Reserve = std::max<uint64_t>(M->LimitPages * PageSize, PageSize);
  }
  void *P = mmap(freedReservations().take(Reserve), Reserve, PROT_NONE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (P == MAP_FAILED) {
    Err = "cannot reserve " + std::to_string(Reserve) +
          " bytes of address space for a memory: " + std::strerror(errno);
    return nullptr;
  }
  M->Reservation = static_cast<uint8_t *>(P);
  M->ReservedBytes = Reserve;
  M->Abi.base = M->Reservation;
  M->Abi.size_bytes = 0;
  if (Type.min != 0 && M->grow(Type.min) == UINT32_MAX) {
    Err = "cannot commit " + std::to_string(Type.min) + " pages of memory";
    return nullptr;
  }
  return M;
}

Memory::~Memory() {
  if (Reservation && munmap(Reservation, ReservedBytes) == 0)
    freedReservations().put(Reservation, ReservedBytes);
}

uint32_t Memory::grow(uint64_t DeltaPages) {
  uint64_t Old = pages();
  if (DeltaPages > LimitPages - Old)
    return UINT32_MAX;
  if (DeltaPages == 0)
    return uint32_t(Old);
  uint64_t NewBytes = (Old + DeltaPages) * PageSize;
  if (mprotect(Abi.base + Abi.size_bytes, NewBytes - Abi.size_bytes,
               PROT_READ | PROT_WRITE) != 0)
    return UINT32_MAX;
  Abi.size_bytes = NewBytes;
  return uint32_t(Old);
}

uint32_t Memory::fill(uint64_t Dst, uint8_t Value, uint64_t Len) {
  if (!inRange(Dst, Len, Abi.size_bytes))
    return W2N_TRAP_MEMORY_OUT_OF_BOUNDS;
  std::memset(Abi.base + Dst, Value, Len);
  return W2N_TRAP_NONE;
}

uint32_t Memory::copy(uint64_t Dst, uint64_t Src, uint64_t Len) {
  if (!inRange(Dst, Len, Abi.size_bytes) || !inRange(Src, Len, Abi.size_bytes))
    return W2N_TRAP_MEMORY_OUT_OF_BOUNDS;
  std::memmove(Abi.base + Dst, Abi.base + Src, Len);
  return W2N_TRAP_NONE;
}

uint32_t Memory::init(uint64_t Dst, const uint8_t *Bytes, uint64_t Size,
                      uint64_t Src, uint64_t Len) {
  if (!inRange(Src, Len, Size) || !inRange(Dst, Len, Abi.size_bytes))
    return W2N_TRAP_MEMORY_OUT_OF_BOUNDS;
  if (Len)
    std::memcpy(Abi.base + Dst, Bytes + Src, Len);
  return W2N_TRAP_NONE;
}

// ---- Table ----------------------------------------------------------------

std::unique_ptr<Table> Table::create(const w2n_table_type &Type, void *Init,
                                     std::string &Err, uint64_t Limit) {
  std::unique_ptr<Table> T(new Table());
  T->Limit = std::min(Limit, MaxElements);
  T->ElemType = Type.elem_type;
  T->Is64 = Type.limits.flags & W2N_LIMITS_I64;
  if (Type.limits.has_max) {
    T->DeclaredMax = Type.limits.max;
    T->Abi.max = uint32_t(std::min<uint64_t>(Type.limits.max, UINT32_MAX));
  }
  if (Type.limits.min > T->Limit) {
    Err = "table minimum of " + std::to_string(Type.limits.min) +
          " elements exceeds the limit of " + std::to_string(T->Limit);
    return nullptr;
  }
  // Never a null elems pointer, even for an empty table.
  T->Abi.elems = static_cast<void **>(
      std::malloc(std::max<uint64_t>(Type.limits.min, 1) * sizeof(void *)));
  if (!T->Abi.elems) {
    Err = "out of memory allocating a table";
    return nullptr;
  }
  T->Abi.size = uint32_t(Type.limits.min);
  std::fill_n(T->Abi.elems, T->Abi.size, Init);
  return T;
}

Table::~Table() { std::free(Abi.elems); }

bool Table::get(uint64_t I, void *&Out) const {
  if (I >= Abi.size)
    return false;
  Out = Abi.elems[I];
  return true;
}

bool Table::set(uint64_t I, void *Ref) {
  if (I >= Abi.size)
    return false;
  Abi.elems[I] = Ref;
  return true;
}

uint32_t Table::grow(uint64_t Delta, void *Init) {
  uint64_t Old = Abi.size;
  uint64_t Max = std::min<uint64_t>(DeclaredMax.value_or(UINT32_MAX),
                                    std::min<uint64_t>(Limit, UINT32_MAX - 1));
  if (Old > Max || Delta > Max - Old)
    return UINT32_MAX;
  if (Delta == 0)
    return uint32_t(Old);
  uint64_t New = Old + Delta;
  void **Elems =
      static_cast<void **>(std::realloc(Abi.elems, New * sizeof(void *)));
  if (!Elems)
    return UINT32_MAX;
  std::fill(Elems + Old, Elems + New, Init);
  Abi.elems = Elems;
  Abi.size = uint32_t(New);
  return uint32_t(Old);
}

uint32_t Table::fill(uint64_t Dst, void *Ref, uint64_t Len) {
  if (!inRange(Dst, Len, Abi.size))
    return W2N_TRAP_TABLE_OUT_OF_BOUNDS;
  std::fill_n(Abi.elems + Dst, Len, Ref);
  return W2N_TRAP_NONE;
}

uint32_t Table::copyFrom(const Table &Src, uint64_t Dst, uint64_t SrcIdx,
                         uint64_t Len) {
  if (!inRange(Dst, Len, Abi.size) || !inRange(SrcIdx, Len, Src.Abi.size))
    return W2N_TRAP_TABLE_OUT_OF_BOUNDS;
  if (Len)
    std::memmove(Abi.elems + Dst, Src.Abi.elems + SrcIdx, Len * sizeof(void *));
  return W2N_TRAP_NONE;
}

uint32_t Table::init(uint64_t Dst, void *const *Items, uint64_t Size,
                     uint64_t Src, uint64_t Len) {
  if (!inRange(Src, Len, Size) || !inRange(Dst, Len, Abi.size))
    return W2N_TRAP_TABLE_OUT_OF_BOUNDS;
  if (Len)
    std::memcpy(Abi.elems + Dst, Items + Src, Len * sizeof(void *));
  return W2N_TRAP_NONE;
}

} // namespace w2n::rt
