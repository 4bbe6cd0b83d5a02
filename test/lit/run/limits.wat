;; Resource limits from the command line: an infinite loop is stopped by
;; `--fuel N` (which compiles with fuel metering) and by `--timeout`
;; (which compiles with epoch checks and interrupts from a timer thread);
;; both trap like any other trap (status 134). A module compiled without
;; the instrumentation is refused (status 1), by both runners.
;; RUN: rm -rf %t && mkdir -p %t
;; RUN: %wat2wasm %s -o %t/loop.wasm
;; RUN: not wasm2native run --cache-dir %t/c --fuel 100000 %t/loop.wasm 2> %t/fuel.err
;; RUN: FileCheck %s --check-prefix=FUEL < %t/fuel.err
;; RUN: sh -c 'wasm2native run --cache-dir %t/c --fuel 100000 %t/loop.wasm 2>/dev/null; echo "status $?"' \
;; RUN:   | FileCheck %s --check-prefix=STATUS
;; RUN: not wasm2native run --cache-dir %t/c --timeout 200ms %t/loop.wasm 2> %t/epoch.err
;; RUN: FileCheck %s --check-prefix=EPOCH < %t/epoch.err
;; RUN: sh -c 'wasm2native run --cache-dir %t/c --timeout 200ms %t/loop.wasm 2>/dev/null; echo "status $?"' \
;; RUN:   | FileCheck %s --check-prefix=STATUS
;; The budget is per run: a finite function with enough fuel returns.
;; RUN: wasm2native run --cache-dir %t/c --fuel 100000 --invoke count %t/loop.wasm 100 \
;; RUN:   | FileCheck %s --check-prefix=COUNT
;; RUN: wasm2native run --cache-dir %t/c --timeout 10s --invoke count %t/loop.wasm 100 \
;; RUN:   | FileCheck %s --check-prefix=COUNT
;; RUN: not wasm2native run --cache-dir %t/c --fuel 10 --invoke count %t/loop.wasm 100 2>&1 \
;; RUN:   | FileCheck %s --check-prefix=FUEL
;; Compiled modules: the descriptor says whether the code is instrumented.
;; RUN: wasm2native compile %t/loop.wasm -o %t/plain.so
;; RUN: not wasm2native-run --fuel 100000 %t/plain.so 2>&1 | FileCheck %s --check-prefix=RUNNER-NOFUEL
;; RUN: not wasm2native run --fuel 100000 %t/plain.so 2>&1 | FileCheck %s --check-prefix=NOFUEL
;; RUN: not wasm2native-run --timeout 1s %t/plain.so 2>&1 | FileCheck %s --check-prefix=NOEPOCH
;; RUN: sh -c 'wasm2native-run --fuel 1 %t/plain.so 2>/dev/null; echo "status $?"' \
;; RUN:   | FileCheck %s --check-prefix=REFUSED
;; RUN: wasm2native compile --fuel %t/loop.wasm -o %t/fuel.so
;; RUN: not wasm2native-run --fuel 100000 %t/fuel.so 2>&1 | FileCheck %s --check-prefix=RUNNER-FUEL
;; RUN: wasm2native compile --epoch %t/loop.wasm -o %t/epoch.so
;; RUN: not wasm2native-run --timeout 200ms %t/epoch.so 2>&1 | FileCheck %s --check-prefix=RUNNER-EPOCH
;; RUN: not wasm2native run --timeout 5x %t/loop.wasm 2>&1 | FileCheck %s --check-prefix=BADTIME

;; FUEL: wasm2native: trap: all fuel consumed in {{.*}}
;; EPOCH: wasm2native: trap: interrupted in {{.*}}
;; STATUS: status 134
;; COUNT: 100
;; RUNNER-NOFUEL: {{.*}}plain.so: error: --fuel needs a module compiled with fuel metering (`wasm2native compile --fuel`)
;; NOFUEL: {{.*}}plain.so: error: --fuel needs a module compiled with fuel metering
;; NOEPOCH: {{.*}}plain.so: error: --timeout needs a module compiled with epoch checks (`wasm2native compile --epoch`)
;; REFUSED: status 1
;; RUNNER-FUEL: wasm2native-run: trap: all fuel consumed
;; RUNNER-EPOCH: wasm2native-run: trap: interrupted
;; BADTIME: wasm2native: error: --timeout: expected a duration like 500ms or 2s

(module
  (func $spin (export "_start")
    (loop $l (br $l)))
  ;; Counts to n and returns it.
  (func (export "count") (param $n i32) (result i32)
    (local $i i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (local.get $i)))
