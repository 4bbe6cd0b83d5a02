#!/usr/bin/env python3
"""Differential fuzzing of wasm2native against V8 and wabt's interpreter
(docs/testing.md, "Differential fuzzing"; scripts/fuzz-diff.sh runs it).

  fuzzdiff.py run [--seconds N | --count N] [--seed S] [-j N] ...
      Generates modules, runs each on V8, wabt and every wasm2native
      configuration, compares the transcripts, keeps the cases that differ
      in OUT/findings/ and minimises them with wasm-reduce. Ends with
      `N passed, N failed` (modules without and with a finding).
  fuzzdiff.py replay CASE_DIR [--module M.wasm|M.wat] [--configs ...]
                   [--dump-memory DIR]
      Runs a kept case again (its original.wasm, or M) and prints the
      verdicts and diffs; status 1 if any configuration differs.
  fuzzdiff.py summary OUT [--configs ...]
      Prints the summary of a run again from OUT/results.json (which is
      written before the reductions start).
  fuzzdiff.py reduce CASE_DIR SIGNATURE [--seconds N]
      Minimises a kept case (what `run` does for each new signature).
  fuzzdiff.py check CASE_DIR SIGNATURE MODULE
      wasm-reduce's interestingness test: prints `interesting` (status 0)
      when MODULE, run with the case's plan, still differs as SIGNATURE
      (CONFIG:CATEGORY) says while the oracles agree; `boring` (1)
      otherwise.
"""

import argparse
import json
import multiprocessing
import os
import random
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import compare  # noqa: E402
import engines  # noqa: E402
import generators  # noqa: E402
import wasmbin  # noqa: E402
from engines import Case, Tools  # noqa: E402

REPO = HERE.parents[2]
DEFAULT_BUILD = REPO / "build"
# Memories get a maximum of at most this many pages (compare.py: memory.grow).
MEMORY_CAP = 64
# One case in three imports its memory and globals (wasmbin.rewrite).
IMPORT_STATE_SHARE = 1 / 3


# ---- Cases on disk ----------------------------------------------------------

def calls_text(calls):
    return "".join(engines.call_line(*c) + "\n" for c in calls)


def parse_calls(text):
    return [engines.parse_call_line(l) for l in text.splitlines()
            if l.startswith("call ")]


class Spec:
    """What defines a case apart from its module bytes."""

    def __init__(self, generator, seed, calls, import_state, cap):
        self.generator, self.seed, self.calls = generator, seed, calls
        self.import_state, self.cap = import_state, cap

    def save(self, d):
        (d / "case.json").write_text(json.dumps({
            "generator": self.generator, "seed": self.seed,
            "import_state": self.import_state, "memory_cap": self.cap},
            indent=1) + "\n")
        (d / "calls.txt").write_text(calls_text(self.calls))

    @staticmethod
    def load(d):
        j = json.loads((d / "case.json").read_text())
        return Spec(j["generator"], j["seed"],
                    parse_calls((d / "calls.txt").read_text()),
                    j["import_state"], j["memory_cap"])

    def case(self, module_bytes, workdir):
        return Case(workdir, module_bytes, self.calls, self.import_state,
                    self.cap)


def run_engines(case, configs, tools, dump_dir=None):
    """{engine: raw transcript lines} for the oracles and configs."""
    case.prepare()
    raw = {"v8": engines.run_v8(case, tools),
           "wabt": engines.run_wabt(case, tools)}
    for c in configs:
        raw[c] = engines.run_wasm2native(case, c, tools, dump_dir)
    return raw


def judge_all(raw, configs):
    t = {n: compare.Transcript(lines, engines.exhaustion(n))
         for n, lines in raw.items()}
    oracles = {o: t[o] for o in engines.ORACLES}
    return t, [compare.judge(c, t[c], oracles) for c in configs]


# ---- run --------------------------------------------------------------------

class Options:
    def __init__(self, args):
        self.tools = Tools(args.build)
        self.configs = args.configs
        self.out = Path(args.out).resolve()


def variant(generator, seed):
    return random.Random(f"variant-{generator}-{seed}").random() < \
        IMPORT_STATE_SHARE


def run_one(job):
    """Generates and runs one case; returns a summary dict."""
    generator, seed, opts = job
    work = opts.out / "work" / f"{generator}-{seed}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    res = {"generator": generator, "seed": seed, "status": "ok",
           "configs": {}}
    try:
        data, calls = generators.GENERATORS[generator](seed, opts.tools, work)
    except subprocess.CalledProcessError as e:
        res["status"] = "generator-failed"
        res["detail"] = (e.stderr or b"").decode(errors="replace")[-300:]
        shutil.rmtree(work, ignore_errors=True)
        return res
    spec = Spec(generator, seed, calls, variant(generator, seed), MEMORY_CAP)
    case = spec.case(data, work / "case")
    if case.unsupported:
        res["status"] = "unsupported"
        res["detail"] = case.unsupported
        shutil.rmtree(work, ignore_errors=True)
        return res
    raw = run_engines(case, opts.configs, opts.tools)
    t, verdicts = judge_all(raw, opts.configs)
    res["oracle_split"] = compare.first_difference(t["v8"], t["wabt"])
    for v in verdicts:
        cut = [x for x in (t[v.config].exhausted_at(), t["v8"].exhausted_at(),
                           t["wabt"].exhausted_at()) if x is not None]
        limit = min(cut) if cut else len(case.calls)
        res["configs"][v.config] = {
            "status": v.status, "signature": v.signature,
            "detail": v.detail, "calls": min(limit, len(case.calls)),
            "truncated": bool(cut),
            # Every kind of difference with V8 (a finding's signature
            # names only the first).
            "categories": sorted(compare.all_categories(t["v8"],
                                                        t[v.config]))
            if v.status == "finding" else []}
    res["calls"] = len(case.calls)
    res["functions"] = len(case.module.func_types)
    interesting = res["oracle_split"] or any(
        v.status != "pass" for v in verdicts)
    if interesting:
        kind = "findings" if any(v.status == "finding" for v in verdicts) \
            else "splits"
        d = opts.out / kind / f"{generator}-{seed}"
        shutil.rmtree(d, ignore_errors=True)
        d.mkdir(parents=True)
        save_case(d, spec, data, raw, t, verdicts, opts)
        res["dir"] = str(d)
    shutil.rmtree(work, ignore_errors=True)
    return res


def save_case(d, spec, data, raw, t, verdicts, opts):
    spec.save(d)
    (d / "original.wasm").write_bytes(data)
    tdir = d / "transcripts"
    tdir.mkdir(exist_ok=True)
    for name, lines in raw.items():
        (tdir / f"{name}.txt").write_text("\n".join(lines) + "\n")
    report = []
    for v in verdicts:
        if v.status == "pass":
            continue
        report.append(f"{v.config}: {v.status}"
                      + (f" {v.signature}: {v.detail}" if v.signature else ""))
        for o in engines.ORACLES:
            diff = compare.unified_diff(o, t[o], v.config, t[v.config])
            if diff:
                (d / f"diff-{v.config}-vs-{o}.txt").write_text(diff)
    diff = compare.unified_diff("v8", t["v8"], "wabt", t["wabt"])
    if diff:
        (d / "diff-v8-vs-wabt.txt").write_text(diff)
        report.append("oracles disagree: see diff-v8-vs-wabt.txt")
    (d / "verdicts.txt").write_text("\n".join(report) + "\n")
    me = shlex.quote(str(Path(__file__).resolve()))
    (d / "reproduce.sh").write_text(
        "#!/bin/sh\n# Runs this case again on every engine (prints the "
        "verdicts and diffs).\n"
        f"exec python3 {me} --build {shlex.quote(str(opts_build(opts)))}"
        f" replay \"$(dirname \"$0\")\" \"$@\"\n")
    os.chmod(d / "reproduce.sh", 0o755)


def opts_build(opts):
    return Path(opts.tools.wasm2native).parent.parent


def summarise(results, configs, elapsed):
    done = [r for r in results if r["status"] == "ok"]
    lines = []
    by_gen = {}
    for r in done:
        by_gen[r["generator"]] = by_gen.get(r["generator"], 0) + 1
    gens = ", ".join(f"{g} {n}" for g, n in sorted(by_gen.items()))
    lines.append(f"fuzz-diff: {len(done)} modules ({gens}), "
                 f"{sum(r['calls'] for r in done)} calls, "
                 f"{len(configs)} configurations, {elapsed:.0f} s")
    for r in results:
        if r["status"] != "ok":
            lines.append(f"  {r['generator']}-{r['seed']}: {r['status']}: "
                         f"{r.get('detail', '').strip()[:200]}")
    lines.append(f"{'configuration':<24}{'modules':>8}{'calls':>9}"
                 f"{'truncated':>10}{'findings':>9}{'splits':>7}")
    for c in configs:
        rs = [r["configs"][c] for r in done]
        lines.append(
            f"{c:<24}{len(rs):>8}{sum(x['calls'] for x in rs):>9}"
            f"{sum(x['truncated'] for x in rs):>10}"
            f"{sum(x['status'] == 'finding' for x in rs):>9}"
            f"{sum(x['status'] == 'split' for x in rs):>7}")
    for c in configs:
        counts = {}
        for r in done:
            for cat in r["configs"][c]["categories"]:
                counts[cat] = counts.get(cat, 0) + 1
        if counts:
            lines.append(f"  {c}: modules with differences in " + ", ".join(
                f"{cat} {n}" for cat, n in sorted(counts.items())))
    splits = [r for r in done if r["oracle_split"]]
    lines.append(f"oracle disagreements (V8 vs wabt): {len(splits)}")
    for r in splits:
        lines.append(f"  {r['generator']}-{r['seed']}: "
                     f"{r['oracle_split'][0]} call {r['oracle_split'][1]}: "
                     f"{r['oracle_split'][2]}")
    return "\n".join(lines)


def reduced_as(d, signature):
    """Whether d holds a minimised module that differs as signature."""
    verdict = d / "reduced-verdict.txt"
    return verdict.exists() and \
        verdict.read_text().startswith(f"finding {signature}:")


def findings_by_signature(results):
    """{signature: [result]} of the findings."""
    findings = {}
    for r in results:
        for x in r.get("configs", {}).values():
            if x["status"] == "finding":
                findings.setdefault(x["signature"], []).append(r)
    return findings


def findings_report(results):
    """One line per signature (with its minimised case, if there is one),
    then every finding."""
    findings = findings_by_signature(results)
    lines = [f"findings: {len(findings)} kinds of difference"]
    for sig, rs in sorted(findings.items()):
        d = next((r["dir"] for r in rs if reduced_as(Path(r["dir"]), sig)),
                 None)
        where = f"minimised: {d}/reduced.wat" if d else \
            f"e.g. {rs[0]['dir']}"
        lines.append(f"  {sig}: {len(rs)} modules; {where}")
    every = [f"{x['signature']} {r['dir']}: {x['detail']}"
             for r in results for x in r.get("configs", {}).values()
             if x["status"] == "finding"]
    return lines, every


def cmd_run(args):
    opts = Options(args)
    check_tools(opts.tools)
    opts.out.mkdir(parents=True, exist_ok=True)
    gens = args.generators
    base = args.seed if args.seed is not None else \
        random.SystemRandom().randrange(1, 10**9)
    print(f"fuzz-diff: seeds from {base} (--seed {base} repeats this run), "
          f"generators {','.join(gens)}, configurations "
          f"{','.join(opts.configs)}, -j{args.jobs}, output {opts.out}",
          flush=True)

    def jobs():
        i = 0
        while args.count is None or i < args.count:
            yield (gens[i % len(gens)], base + i // len(gens), opts)
            i += 1

    start = time.monotonic()
    results = []
    stop = False
    with multiprocessing.Pool(args.jobs) as pool:
        pending = []
        it = jobs()
        while True:
            # Keep 2 jobs per worker queued; stop queueing past the deadline.
            while not stop and len(pending) < 2 * args.jobs:
                if args.seconds and time.monotonic() - start > args.seconds:
                    stop = True
                    break
                try:
                    job = next(it)
                except StopIteration:
                    stop = True
                    break
                pending.append(pool.apply_async(run_one, (job,)))
            if not pending:
                break
            pending[0].wait()
            r = pending.pop(0).get()
            results.append(r)
            progress(r, len(results), start)
    elapsed = time.monotonic() - start
    summary = summarise(results, opts.configs, elapsed)
    (opts.out / "results.json").write_text(json.dumps(
        {"elapsed": elapsed, "configs": opts.configs, "results": results},
        indent=1))
    findings = findings_by_signature(results)
    # Minimise the smallest module of each signature, sharing the time.
    deadline = time.monotonic() + args.reduce_seconds
    for k, (sig, rs) in enumerate(sorted(findings.items())):
        left = (deadline - time.monotonic()) / (len(findings) - k)
        if left < 10:
            break
        r = min(rs, key=lambda r: (r["functions"], r["seed"]))
        reduce_case(Path(r["dir"]), sig, opts, int(left))
    lines, every = findings_report(results)
    if findings:
        summary += "\n" + "\n".join(lines) + \
            f"\nevery finding: {opts.out / 'findings.txt'}"
        (opts.out / "findings.txt").write_text("\n".join(every) + "\n")
    print(summary)
    (opts.out / "summary.txt").write_text(summary + "\n")
    failed = sum(1 for r in results if any(
        x["status"] == "finding" for x in r.get("configs", {}).values()))
    passed = sum(1 for r in results if r["status"] == "ok") - failed
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


def progress(r, n, start):
    """Prints the modules that did not pass, and a line every 50."""
    status = r["status"]
    if status == "ok":
        bad = [f"{c}:{x['status']}" for c, x in r["configs"].items()
               if x["status"] != "pass"]
        if r.get("oracle_split"):
            bad.append("oracle-split")
        status = " ".join(bad) or "pass"
    if status != "pass":
        print(f"[{n}] {r['generator']}-{r['seed']}: {status}", flush=True)
    elif n % 50 == 0:
        print(f"[{n}] {time.monotonic() - start:.0f} s", flush=True)


def check_tools(tools):
    missing = [p for p in (tools.wasm2native, tools.runner)
               if not os.access(p, os.X_OK)]
    missing += [p for p in (tools.node, tools.spectest_interp, tools.wasm_opt,
                            tools.wasm_reduce, tools.wat2wasm)
                if not shutil.which(p)]
    if missing:
        sys.exit(f"fuzz-diff: missing {', '.join(missing)} (scripts/setup.sh "
                 "installs binaryen, nodejs and wabt; build/ must be built)")


# ---- reduce, check, replay -------------------------------------------------

def reduce_case(d, signature, opts, seconds):
    """Minimises d/original.wasm with wasm-reduce while `check` says it
    still differs as signature says; writes d/reduced.wasm (and .wat), the
    reduced transcripts' diffs and how to reproduce them."""
    print(f"fuzz-diff: reducing {d.name} ({signature}) for at most "
          f"{seconds} s", flush=True)
    me = shlex.quote(str(Path(__file__).resolve()))
    test = d / "reduce-test.wasm"
    work = d / "reduced.wasm"
    check = (f"python3 {me} --build "
             f"{shlex.quote(str(opts_build(opts)))} check {shlex.quote(str(d))} "
             f"{signature} {shlex.quote(str(test))}")
    # The test must hold for the original, or wasm-reduce would keep
    # whatever else the command does (an error, say).
    first = subprocess.run(shlex.split(check.replace(
        shlex.quote(str(test)), shlex.quote(str(d / "original.wasm")))),
        capture_output=True, text=True)
    if first.stdout.strip() != "interesting":
        print(f"fuzz-diff: {d.name} does not differ as {signature} when run "
              f"again, not reduced:\n{first.stdout}{first.stderr}",
              flush=True)
        return False
    cmd = [opts.tools.wasm_reduce, str(d / "original.wasm"),
           "--command", check, "-t", str(test), "-w", str(work),
           "-b", str(Path(shutil.which(opts.tools.wasm_opt)).parent),
           "--timeout", "300", *generators.FEATURES,
           "--extra-flags", " ".join(generators.FEATURES)]
    log = open(d / "reduce.log", "w")
    try:
        subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT,
                       timeout=seconds, cwd=d, start_new_session=True)
    except subprocess.TimeoutExpired:
        log.write(f"\nfuzz-diff: stopped after {seconds} s\n")
    log.close()
    test.unlink(missing_ok=True)
    if not work.exists():
        return False
    subprocess.run(["wasm2wat", "--enable-all", "--fold-exprs", str(work),
                    "-o", str(d / "reduced.wat")], stderr=subprocess.DEVNULL)
    spec = Spec.load(d)
    config = signature.split(":")[0]
    with tempfile.TemporaryDirectory() as tmp:
        case = spec.case(work.read_bytes(), Path(tmp))
        raw = run_engines(case, [config], opts.tools)
    t, verdicts = judge_all(raw, [config])
    for o in engines.ORACLES:
        (d / f"reduced-diff-{config}-vs-{o}.txt").write_text(
            compare.unified_diff(o, t[o], config, t[config]))
    (d / "reduced-verdict.txt").write_text(
        f"{verdicts[0].status} {verdicts[0].signature}: "
        f"{verdicts[0].detail}\n")
    (d / "reproduce-reduced.sh").write_text(
        "#!/bin/sh\n# The reduced module, on the oracles and the "
        "configuration that differs.\n"
        f"exec python3 {me} --build "
        f"{shlex.quote(str(opts_build(opts)))} replay --configs {config} "
        "--module \"$(dirname \"$0\")/reduced.wasm\" \"$(dirname \"$0\")\"\n")
    os.chmod(d / "reproduce-reduced.sh", 0o755)
    return True


def cmd_check(args):
    interesting = still_differs(Path(args.case), args.signature,
                                Path(args.module), Tools(args.build))
    print("interesting" if interesting else "boring")
    return 0 if interesting else 1


def still_differs(d, signature, module, tools):
    """Whether module, run with case d's plan, differs as signature says
    while the oracles agree. A module that the rewriter cannot read, that
    has no call left or that the oracles disagree on is not."""
    spec = Spec.load(d)
    config = signature.partition(":")[0]
    with tempfile.TemporaryDirectory() as tmp:
        try:
            case = spec.case(module.read_bytes(), Path(tmp))
        except (wasmbin.FormatError, IndexError, KeyError):
            return False
        if case.unsupported or not case.calls:
            return False
        raw = run_engines(case, [config], tools)
    t, verdicts = judge_all(raw, [config])
    v = verdicts[0]
    agree = compare.first_difference(t["v8"], t["wabt"]) is None
    return agree and v.status == "finding" and v.signature == signature


def cmd_replay(args):
    d = Path(args.case)
    spec = Spec.load(d)
    tools = Tools(args.build)
    module = Path(args.module) if args.module else d / "original.wasm"
    with tempfile.TemporaryDirectory() as tmp:
        if module.suffix == ".wat":
            wasm = Path(tmp) / "module.wasm"
            subprocess.run([tools.wat2wasm, "--enable-all", str(module), "-o",
                            str(wasm)], check=True)
            module = wasm
        case = spec.case(module.read_bytes(), Path(tmp) / "case")
        dump = None
        if args.dump_memory:
            dump = Path(args.dump_memory).resolve()
            dump.mkdir(parents=True, exist_ok=True)
        raw = run_engines(case, args.configs, tools, dump)
    t, verdicts = judge_all(raw, args.configs)
    diff = compare.unified_diff("v8", t["v8"], "wabt", t["wabt"])
    if diff:
        print("oracles disagree:\n" + diff)
    status = 0
    for v in verdicts:
        print(f"{v.config}: {v.status}" +
              (f" {v.signature}: {v.detail}" if v.signature else ""))
        if v.status != "pass":
            status = 1
            print(compare.unified_diff("v8", t["v8"], v.config, t[v.config]))
    return status


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--build", default=str(DEFAULT_BUILD),
                   help="wasm2native build directory (default: build/)")
    sub = p.add_subparsers(dest="cmd", required=True)

    r = sub.add_parser("run", help="fuzz")
    r.add_argument("--seconds", type=float,
                   help="stop starting modules after this long")
    r.add_argument("--count", type=int, help="modules to run")
    r.add_argument("--seed", type=int, help="first seed (default: random)")
    r.add_argument("-j", "--jobs", type=int, default=2)
    r.add_argument("--generators", type=lambda s: s.split(","),
                   default=["ttf", "mem"])
    r.add_argument("--configs", type=lambda s: s.split(","),
                   default=engines.DEFAULT_CONFIGS)
    r.add_argument("--out", default=str(REPO / "build" / "fuzz-diff"))
    r.add_argument("--reduce-seconds", type=int, default=1800,
                   help="time for wasm-reduce, shared by the distinct "
                   "findings (0: no reduction)")

    c = sub.add_parser("check", help="wasm-reduce's interestingness test")
    c.add_argument("case")
    c.add_argument("signature")
    c.add_argument("module")

    sm = sub.add_parser("summary", help="a run's summary again")
    sm.add_argument("out")

    rd = sub.add_parser("reduce", help="minimise a kept case")
    rd.add_argument("case")
    rd.add_argument("signature")
    rd.add_argument("--seconds", type=int, default=600)

    rp = sub.add_parser("replay", help="run a kept case again")
    rp.add_argument("case")
    rp.add_argument("--module")
    rp.add_argument("--dump-memory", metavar="DIR",
                    help="write each configuration's memory after every "
                    "call to DIR/CONFIG-K.bin")
    rp.add_argument("--configs", type=lambda s: s.split(","),
                    default=engines.DEFAULT_CONFIGS)

    args = p.parse_args()
    if args.cmd == "run":
        if args.seconds is None and args.count is None:
            p.error("run needs --seconds or --count")
        for c in args.configs:
            if c not in engines.CONFIGS:
                p.error(f"unknown configuration {c}; known: "
                        f"{', '.join(engines.CONFIGS)}")
        return cmd_run(args)
    if args.cmd == "check":
        return cmd_check(args)
    if args.cmd == "summary":
        j = json.loads((Path(args.out) / "results.json").read_text())
        if isinstance(j, list):  # before the format had a header
            j = {"results": j, "configs": engines.DEFAULT_CONFIGS,
                 "elapsed": 0}
        print(summarise(j["results"], j["configs"], j["elapsed"]))
        lines, _ = findings_report(j["results"])
        print("\n".join(lines))
        return 0
    if args.cmd == "reduce":
        args.configs = [args.signature.split(":")[0]]
        args.out = "."
        reduce_case(Path(args.case).resolve(), args.signature, Options(args),
                    args.seconds)
        return 0
    return cmd_replay(args)


if __name__ == "__main__":
    sys.exit(main())
