#!/usr/bin/env python3
"""Lays out a whisper.cpp v1.7.1 source tree from two npm packages (see bench/README.md, parity.sh).

  assemble.py RN_PACKAGE_DIR FLUESTER_PACKAGE_DIR OUT_DIR

No npm package bundles the complete v1.7.1 tree. whisper.rn@0.4.0-rc.9 ships v1.7.1's library
sources (its src/version.json says 1.7.1) in cpp/, with three changes of its own that are undone
here:
  1. every ggml/gguf identifier is prefixed wsp_/WSP_ (removed: upstream has no wsp_ anywhere);
  2. whisper_context_params has an extra `bool use_coreml` after use_gpu (removed: it shifts
     flash_attn), used only under WHISPER_USE_COREML;
  3. whisper_get_timings()/struct whisper_timings and
     whisper_ctx_init_openvino_encoder_with_state() are added (removed: the whisper-jni v1.7.1
     build exports neither; print_timings and init_openvino_encoder are taken back from v1.6.2,
     where they are the same code without the indirection).
The CLI (examples/main) is not in whisper.rn; it comes from @pr0gramm/fluester@0.9.15 (v1.6.2),
whose main.cpp differs from v1.7.3's only by the -nth/-sns flags and a DTW preset name.
The script fails if an expected piece of text is not found, so a different package version
cannot slip through.
"""
import pathlib
import re
import shutil
import sys


def die(msg):
    sys.exit("assemble.py: " + msg)


def cut(text, start, end, what):
    """Removes text[start-of(start) : end-of(end)] exactly once."""
    i = text.find(start)
    if i < 0 or text.find(start, i + 1) >= 0:
        die("expected exactly one " + what)
    j = text.find(end, i)
    if j < 0:
        die("end of " + what + " not found")
    return text[:i] + text[j + len(end):]


def function(text, signature, what):
    """The text of a top-level C function starting at `signature` up to its closing '}\\n'."""
    i = text.find(signature)
    if i < 0:
        die(what + " not found")
    j = text.find("\n}\n", i)
    return text[i:j + 3]


def main():
    if len(sys.argv) != 4:
        die("usage: assemble.py RN_PACKAGE_DIR FLUESTER_PACKAGE_DIR OUT_DIR")
    rn = pathlib.Path(sys.argv[1]) / "cpp"
    fl = pathlib.Path(sys.argv[2]) / "lib" / "whisper.cpp"
    out = pathlib.Path(sys.argv[3])
    version = (rn.parent / "src" / "version.json").read_text()
    if '"1.7.1"' not in version:
        die("whisper.rn package is not whisper.cpp 1.7.1: " + version)
    if "VERSION 1.6.2" not in (fl / "CMakeLists.txt").read_text():
        die("fluester package is not whisper.cpp 1.6.2")
    if out.exists():
        shutil.rmtree(out)
    (out / "ggml").mkdir(parents=True)
    (out / "include").mkdir()
    (out / "src").mkdir()
    (out / "examples" / "main").mkdir(parents=True)

    def unprefix(p):
        return re.sub(r"(?:wsp_|WSP_)", "", p.read_text(encoding="utf-8"))

    for p in sorted(rn.glob("ggml*")):
        if p.suffix in (".c", ".cpp", ".h") and not p.name.startswith("ggml-metal"):
            (out / "ggml" / p.name).write_text(unprefix(p), encoding="utf-8")

    h = unprefix(rn / "whisper.h")
    h = cut(h, "        bool  use_coreml;\n", "\n", "use_coreml field")
    h = cut(h, "    struct whisper_timings {", "whisper_get_timings(struct whisper_context * ctx);\n",
            "whisper_timings")
    h = cut(h, "    WHISPER_API int whisper_ctx_init_openvino_encoder_with_state(", ");\n\n",
            "openvino _with_state declaration")
    (out / "include" / "whisper.h").write_text(h, encoding="utf-8")

    src = unprefix(rn / "whisper.cpp")
    old = (fl / "src" / "whisper.cpp").read_text(encoding="utf-8")
    src = cut(src, "        /*.use_coreml           =*/ false,\n", "\n", "use_coreml default")
    src = src.replace("#ifdef WHISPER_USE_COREML\n    if (ctx->params.use_coreml) {\n",
                      "#ifdef WHISPER_USE_COREML\n", 1)
    src = src.replace('        WHISPER_LOG_INFO("%s: Core ML model loaded\\n", __func__);\n    }\n    }\n',
                      '        WHISPER_LOG_INFO("%s: Core ML model loaded\\n", __func__);\n    }\n', 1)
    if "params.use_coreml" in src or "/*.use_coreml" in src:
        die("use_coreml still referenced")
    # openvino: the v1.6.2 function replaces the _with_state pair
    rn_ov = function(src, "int whisper_ctx_init_openvino_encoder_with_state(", "openvino _with_state")
    rn_ov_wrapper = function(src, "int whisper_ctx_init_openvino_encoder(", "openvino wrapper")
    src = src.replace(rn_ov + "\n" + rn_ov_wrapper,
                      function(old, "int whisper_ctx_init_openvino_encoder(", "v1.6.2 openvino"), 1)
    # timings: the v1.6.2 print_timings replaces get_timings + print_timings
    src = src.replace(function(src, "struct whisper_timings * whisper_get_timings(", "get_timings") + "\n",
                      "", 1)
    src = src.replace(function(src, "void whisper_print_timings(", "print_timings"),
                      function(old, "void whisper_print_timings(", "v1.6.2 print_timings"), 1)
    for gone in ("whisper_timings", "_with_state(ctx, ctx->state, model_path"):
        if gone in src:
            die(gone + " still present")
    (out / "src" / "whisper.cpp").write_text(src, encoding="utf-8")

    ex = fl / "examples"
    shutil.copy(ex / "main" / "main.cpp", out / "examples" / "main" / "main.cpp")
    for name in ("common.cpp", "common.h", "grammar-parser.cpp", "grammar-parser.h", "dr_wav.h"):
        shutil.copy(ex / name, out / "examples" / name)
    shutil.copy(rn.parent / "LICENSE", out / "LICENSE.whisper.rn")
    shutil.copy(fl.parent.parent / "lib" / "whisper.cpp" / "LICENSE", out / "LICENSE")
    shutil.copy(pathlib.Path(__file__).with_name("CMakeLists.txt"), out / "CMakeLists.txt")
    (out / "SOURCES.txt").write_text(
        "whisper.cpp v1.7.1 library sources from npm whisper.rn@0.4.0-rc.9 (cpp/, un-prefixed,\n"
        "its own additions removed), CLI examples/main from npm @pr0gramm/fluester@0.9.15 (v1.6.2),\n"
        "CMakeLists.txt from the project's bench/parity/. Laid out by bench/parity/assemble.py.\n")
    print(out)


if __name__ == "__main__":
    main()
