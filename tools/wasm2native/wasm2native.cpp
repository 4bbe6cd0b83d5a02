//===- wasm2native.cpp - The wasm2native command --------------------------===//
///
/// \file
/// Parses the command line with CLI11 into the options structs of
/// Commands.h and dispatches to a subcommand. This is the only translation
/// unit built with exceptions; no exception leaves it.
///
//===----------------------------------------------------------------------===//

#include "Commands.h"
#include "Version.h"

#include "llvm/Support/InitLLVM.h"

#include <CLI/CLI.hpp>

using namespace w2n;

int main(int argc, char **argv) {
  llvm::InitLLVM X(argc, argv);

  CLI::App App{"wasm2native: an ahead-of-time WebAssembly compiler"};
  App.name("wasm2native");
  App.set_version_flag("--version", "wasm2native " WASM2NATIVE_VERSION
                                    " (LLVM " WASM2NATIVE_LLVM_VERSION ")");
  App.require_subcommand(1);

  ValidateOptions Validate;
  CLI::App *ValidateCmd = App.add_subcommand(
      "validate", "Check that .wasm files are well-formed and valid");
  ValidateCmd
      ->add_option("files", Validate.Inputs, "Input .wasm files ('-' = stdin)")
      ->required();

  try {
    App.parse(argc, argv);
  } catch (const CLI::ParseError &E) {
    return App.exit(E);
  }

  if (ValidateCmd->parsed())
    return runValidate(Validate);
  return 1;
}
