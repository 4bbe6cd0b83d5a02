//===- TargetInfo.cpp - Per-target defaults, in one table -----------------===//

#include "targets/TargetInfo.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

using namespace llvm;

namespace w2n {

static constexpr uint64_t GiB = uint64_t(1) << 30;
static constexpr uint64_t KiB = uint64_t(1) << 10;

// One row per supported target. Why each choice:
//
// x86_64 Linux: 47-bit user address space (128 TiB) holds ~16K reservations
//   of 8 GiB, so guard mode (4 GiB + 4 GiB guard, no compares) is the
//   default. Baseline x86-64 CPU: output must not depend on the build host.
//   x86 stores that straddle a page boundary fault before writing anything,
//   so a straddling out-of-bounds store writes nothing, as wasm requires.
// aarch64 Linux: 48-bit address space (256 TiB) with 4K pages; guard mode is
//   the default as on x86-64. "generic" is ARMv8.0-A with NEON.
// riscv64 Linux: Sv39 gives 256 GiB of user address space, room for only
//   ~30 reservations of 8 GiB before anything else is mapped; explicit
//   bounds checks are the default, guard mode is available on request.
//   RV64GC (lp64d) is the baseline of Debian's riscv64 port. Without Zfa
//   (no fround), LLVM expands floor/ceil/trunc/nearest as
//   `|x| < 2^23 ? convert twice : x`, so a signalling NaN comes back
//   unchanged; the lowering quiets the result (spec: f32.wast:2456).
//   Elsewhere the instruction or libm call quiets it (AArch64 frint*,
//   x86-64 round* or floorf/ceilf...).
// x86_64 macOS: same 47-bit address space as Linux, so guard mode; "core2"
//   (SSSE3) is the oldest CPU macOS on Intel runs on. Output is a .dylib.
// arm64 macOS: 47-bit address space and 16 KiB pages (a wasm page is four
//   of them), guard mode; "apple-m1" is the first Apple Silicon Mac CPU.
//
// memory64 memories (i64 addresses), on every row: explicit checks, one
//   compare per access (`addr > size - (offset + bytes)`), in both modes.
//   A guard region cannot replace the compare: an i64 address reaches
//   anywhere, so the access needs a compare with 2^32 at least before the
//   4 GiB + guard reservation can catch it, and then the compare with the
//   current size costs the same instruction (the size is one load, hoisted
//   out of loops). Measured on x86-64 and AArch64 (lit
//   codegen/memory64-one-compare.test): the guard variant (wrap check,
//   compare with 2^32, guard pages) compiled to three compares, since the
//   guard-page elision cannot prove an i64 address small; the explicit
//   check is one. A memory64 memory is at most 4 GiB here, as on 32-bit
//   memories; memory.grow past it fails.
static const TargetDefaults Targets[] = {
    {"x86_64-unknown-linux-gnu", "x86-64", "", BoundsChecks::Guard,
     4 * GiB + 64 * KiB, true, false},
    {"aarch64-unknown-linux-gnu", "generic", "+neon", BoundsChecks::Guard,
     4 * GiB + 64 * KiB, true, false},
    {"riscv64-unknown-linux-gnu", "generic-rv64", "+m,+a,+f,+d,+c",
     BoundsChecks::Explicit, 4 * GiB + 64 * KiB, true, true},
    {"x86_64-apple-macosx11.0.0", "core2", "", BoundsChecks::Guard,
     4 * GiB + 64 * KiB, true, false},
    {"arm64-apple-macosx11.0.0", "apple-m1", "", BoundsChecks::Guard,
     4 * GiB + 64 * KiB, true, false},
};

ArrayRef<TargetDefaults> supportedTargets() { return Targets; }

StringRef boundsChecksName(BoundsChecks B) {
  switch (B) {
  case BoundsChecks::Guard:
    return "guard";
  case BoundsChecks::Explicit:
    return "explicit";
  }
  llvm_unreachable("not a bounds-check mode");
}

std::optional<BoundsChecks> parseBoundsChecks(StringRef Name) {
  return StringSwitch<std::optional<BoundsChecks>>(Name)
      .Case("guard", BoundsChecks::Guard)
      .Case("explicit", BoundsChecks::Explicit)
      .Default(std::nullopt);
}

const TargetDefaults *lookupTargetDefaults(StringRef TripleStr) {
  Triple T(Triple::normalize(TripleStr));
  for (const TargetDefaults &D : Targets) {
    Triple Row(D.Triple);
    bool SameOS = Row.isOSDarwin() ? T.isOSDarwin() : Row.getOS() == T.getOS();
    if (Row.getArch() == T.getArch() && SameOS)
      return &D;
  }
  return nullptr;
}

Expected<TargetSettings> resolveTargetSettings(const TargetRequest &Request) {
  TargetSettings S;
  S.Triple = Triple::normalize(Request.Triple.empty() ? DefaultTriple
                                                      : Request.Triple);
  S.Defaults = lookupTargetDefaults(S.Triple);
  if (!S.Defaults)
    return createStringError(inconvertibleErrorCode(),
                             "unsupported target '%s'", S.Triple.c_str());
  // Darwin triples need a deployment version; take the row's if none given.
  if (Triple(S.Triple).isOSDarwin() &&
      Triple(S.Triple).getOSMajorVersion() == 0)
    S.Triple = S.Defaults->Triple;
  S.CPU = Request.CPU.empty() ? S.Defaults->CPU : Request.CPU;
  if (S.CPU == "native")
    S.CPU = sys::getHostCPUName().str();
  S.Features = S.Defaults->Features;
  if (!Request.Features.empty())
    S.Features += (S.Features.empty() ? "" : ",") + Request.Features;
  S.Bounds = Request.Bounds.value_or(S.Defaults->DefaultBounds);
  if (S.Bounds == BoundsChecks::Guard && !S.Defaults->SupportsGuard)
    return createStringError(inconvertibleErrorCode(),
                             "guard-page bounds checks are not supported "
                             "on %s",
                             S.Triple.c_str());
  S.GuardBytes = S.Bounds == BoundsChecks::Guard ? S.Defaults->GuardBytes : 0;
  return S;
}

} // namespace w2n
