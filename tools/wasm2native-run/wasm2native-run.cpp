//===- wasm2native-run.cpp - Run compiled modules without a compiler ------===//
///
/// \file
/// `wasm2native-run [options] FILE.so [ARGS...]`: the run semantics of
/// `wasm2native run` for modules compiled ahead of time, in a binary built
/// from runtime-support alone (no LLVM), for devices that run compiled
/// modules but never compile. This is the only translation unit built with
/// exceptions (CLI11); no exception leaves it.
///
/// `wasm2native-run --spec LIST.json...` is the device half of the spec
/// runner instead: it runs command lists prepared on the build machine by
/// `wasm2native wast --target TRIPLE --prepare DIR` (docs/cross.md).
///
//===----------------------------------------------------------------------===//

#include "runner/RunCli.h"
#include "runner/Runner.h"
#include "spec-runner/SpecRunner.h"

#include <cstring>

using namespace w2n::run;

/// `wasm2native-run --spec LIST.json...`: prints what `wasm2native wast`
/// prints for the same scripts; status 1 if any command failed.
static int runSpec(int argc, char **argv) {
  CLI::App App{"wasm2native-run --spec: run spec command lists prepared by "
               "`wasm2native wast --target TRIPLE --prepare DIR`"};
  App.name("wasm2native-run");
  useToolDiagnostics(App, "wasm2native-run");
  std::vector<std::string> Lists;
  App.add_flag("--spec", "Run spec command lists (DIR/NAME.json)")->required();
  App.add_option("lists", Lists, "Prepared command lists")->required();
  try {
    App.parse(argc, argv);
  } catch (const CLI::ParseError &E) {
    return exitAfterParse(App, E);
  }
  return w2n::spec::runCommandLists(Lists, stdout);
}

int main(int argc, char **argv) {
  if (argc > 1 && std::strcmp(argv[1], "--spec") == 0)
    return runSpec(argc, argv);
  CLI::App App{"wasm2native-run: run a module compiled by `wasm2native "
               "compile` as a WASI program, in a deny-by-default sandbox"};
  App.name("wasm2native-run");
  App.set_version_flag("--version", "wasm2native-run " WASM2NATIVE_VERSION);
  useToolDiagnostics(App, "wasm2native-run");
  RunOptions Opts;
  addRunOptions(App, Opts);
  App.footer("wasm2native-run --spec LIST.json...: run spec command lists "
             "prepared by `wasm2native wast --prepare` (docs/cross.md)");
  if (int Status = parseRunCommandLine(App, App, 1, argc, argv, Opts);
      Status >= 0)
    return Status;
  return runModule(Opts, loadCompiledModule, "wasm2native-run");
}
