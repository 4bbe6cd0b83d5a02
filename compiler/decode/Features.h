//===- Features.h - Which WebAssembly features a module may use -*- C++ -*-===//
///
/// \file
/// The features of WebAssembly 3.0 the compiler implements beyond 2.0, and
/// the set a module is decoded and validated with. 3.0 is the default, as
/// in current engines; `--wasm-features=2.0` restricts a run to the 2022
/// language (the 2.0 spec suite needs that: it asserts, for example, that a
/// memarg offset is a u32), and `+name`/`-name` add or remove one feature
/// (in the spirit of wasmtime's `-W` and wasm-tools' `--features`). A
/// module that uses a disabled feature fails with the byte offset and the
/// feature's name.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_DECODE_FEATURES_H
#define WASM2NATIVE_DECODE_FEATURES_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>

namespace w2n {

enum class Feature : uint8_t {
  ExtendedConst, ///< i32/i64 add, sub, mul in constant expressions
  Memory64,      ///< memories and tables of i64 addresses; u64 memarg offsets
  RelaxedSimd,   ///< the 20 relaxed SIMD instructions
  MultiMemory,   ///< several memories; a memory index on memory instructions
  TailCall,      ///< return_call, return_call_indirect
};
inline constexpr unsigned NumFeatures = 5;

/// The feature's name on the command line and in errors ("memory64").
llvm::StringRef featureName(Feature F);

class FeatureSet {
public:
  /// WebAssembly 2.0 (with its standardised proposals): none of the above.
  static FeatureSet wasm2() { return FeatureSet(0); }
  /// Every 3.0 feature the compiler implements: the default.
  static FeatureSet wasm3() { return FeatureSet((1u << NumFeatures) - 1); }

  bool has(Feature F) const { return Bits & bit(F); }
  void set(Feature F, bool On) { Bits = On ? Bits | bit(F) : Bits & ~bit(F); }
  bool operator==(const FeatureSet &O) const { return Bits == O.Bits; }

  /// The set as `--wasm-features` would give it back: "3.0", "2.0" or
  /// "2.0,+memory64".
  std::string str() const;

private:
  explicit FeatureSet(uint32_t Bits) : Bits(Bits) {}
  static uint32_t bit(Feature F) { return 1u << unsigned(F); }
  uint32_t Bits;
};

/// Parses `--wasm-features`: a comma-separated list of "2.0", "3.0" (a
/// base set; default 3.0), "+NAME" or "NAME" (enable) and "-NAME"
/// (disable), applied in order.
llvm::Expected<FeatureSet> parseFeatures(llvm::StringRef Spec);

} // namespace w2n

#endif // WASM2NATIVE_DECODE_FEATURES_H
