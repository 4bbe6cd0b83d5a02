;; The descriptor's names and type encodings are one pool of NUL-terminated
;; strings, each string once, that the descriptor points into: a module
;; may have a hundred thousand names, and a global of its own for each cost
;; a symbol, a label and a fragment in the object.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile -O0 --emit=llvm %t.wasm -o - | FileCheck %s

;; CHECK:     @strings = private unnamed_addr constant [{{[0-9]+}} x i8] c"x86_64-unknown-linux-gnu\00\7F\00env\00f\00same\00g\00"
;; CHECK-NOT: @export.name
;; The export names are the function names ("same" at 33, "g" at 38).
;; CHECK:     @exports = {{.*}} { ptr getelementptr inbounds (i8, ptr @strings, i64 33), i8 0, i32 1, i32 4 }, {{.*}} { ptr getelementptr inbounds (i8, ptr @strings, i64 38), i8 0, i32 2, i32 1 }]

(module
  (import "env" "f" (func $f (param i32)))
  (func $same (export "same") (param i32) (call $f (local.get 0)))
  (func $g (export "g") (param i32) (call $f (local.get 0))))
