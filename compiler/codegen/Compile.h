//===- Compile.h - Compile a validated module to native code ----*- C++ -*-===//
///
/// \file
/// The compiler's entry point: lower a validated Module to LLVM IR,
/// optimise, generate code for the target on N threads and link the
/// objects with lld (in process) into a shared object whose only exported
/// symbol is the module descriptor of runtime-support/include/wasm2native/
/// abi.h.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_CODEGEN_COMPILE_H
#define WASM2NATIVE_CODEGEN_COMPILE_H

#include "decode/Module.h"
#include "targets/TargetInfo.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>

namespace w2n {

enum class EmitKind { SharedObject, Object, Assembly, LLVMIR };

struct CodegenOptions {
  unsigned OptLevel = 2;
  /// Unset: the target's default (targets/, resolveTargetSettings).
  std::optional<BoundsChecks> Bounds;
  EmitKind Emit = EmitKind::SharedObject;
  /// Codegen threads; the output is byte-identical for every value.
  unsigned Threads = 1;
  /// Unset: x86_64-unknown-linux-gnu (never the host's CPU).
  std::string Triple;
  std::string CPU;
  std::string Features;
  /// Charge fuel per straight-line region (compile --fuel).
  bool Fuel = false;
  /// Check the epoch deadline at function entries and loop headers.
  bool Epoch = false;
  /// Not for shared objects: name the descriptor <ModuleName>_wasm2native_
  /// descriptor (hidden) and put all code in section w2n_text_<ModuleName>,
  /// so that several modules link into one program and the runtime finds
  /// each one's code (wasm2native_module_from_linked). A C identifier.
  std::string ModuleName;
  /// Print the tiers and chunks (lower/CompilePlan.h) to stderr.
  bool PrintPlan = false;
};

/// `--cpu help` / `--features help`: lists the CPUs or the features LLVM
/// knows for Opts.Triple (or the default target) on OS.
llvm::Error printTargetHelp(const CodegenOptions &Opts, bool Features,
                            llvm::raw_ostream &OS);

/// Checks the options alone, before any module is read: the target is
/// supported and accepts the bounds-check mode, and --module-name fits the
/// output kind. compileModule checks the same.
llvm::Error checkCodegenOptions(const CodegenOptions &Opts);

/// Compiles M (which must have passed validateModule) and writes the result
/// of Opts.Emit to OutPath ("-" is stdout for the text forms).
llvm::Error compileModule(const Module &M, const CodegenOptions &Opts,
                          llvm::StringRef OutPath);

} // namespace w2n

#endif // WASM2NATIVE_CODEGEN_COMPILE_H
