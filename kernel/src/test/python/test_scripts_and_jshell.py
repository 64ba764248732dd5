"""djinn run and djinn jshell from the built distribution, as a user runs them: a pipe, exit codes, what prints."""
import os
import subprocess
import tempfile

from jupyter_client.kernelspec import KernelSpecManager

from conftest import ROOT

DJINN = os.path.join(ROOT, "install", "target", "djinn", "bin", "djinn")


def djinn(*args, stdin=None, env=None, timeout=300):
    return subprocess.run([DJINN, *args], input=stdin, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def script(text):
    handle = tempfile.NamedTemporaryFile("w", suffix=".jsh", delete=False)
    handle.write(text)
    handle.close()
    return handle.name


def test_the_example_script_trains_prints_plain_progress_and_saves():
    with tempfile.TemporaryDirectory() as folder:
        model = os.path.join(folder, "m.djinn")
        result = subprocess.run([DJINN, "run", os.path.join(ROOT, "notebooks", "train-fashion.jsh"), "1", model],
                                capture_output=True, timeout=300, env={**os.environ, "DJINN_QUICK": "1"})
        out = result.stdout.decode()  # bytes: text mode would turn a \r into \n and hide it
        assert result.returncode == 0, result.stderr.decode()
        assert "\r" not in out, "no carriage returns when stdout is not a terminal"
        assert "epoch 1/1  50%  loss " in out
        accuracy = float(out.split("test accuracy ")[1].split()[0])
        assert accuracy > 0.7, out
        assert os.path.getsize(model) > 100_000


def test_a_failing_script_exits_1_with_the_error_and_its_line():
    path = script("int ok = 1;\nint zero = 0;\nint broken = ok / zero;\nSystem.out.println(\"not reached\");\n")
    result = djinn("run", path)
    assert result.returncode == 1
    assert "ArithmeticException: / by zero" in result.stderr
    assert "line 3" in result.stderr
    assert "not reached" not in result.stdout
    compile_error = djinn("run", script("int x = ;\n"))
    assert compile_error.returncode == 1
    assert "Compile error at line 1" in compile_error.stderr


def test_scripts_get_their_arguments_and_may_exit_with_a_status():
    result = djinn("run", script("System.out.println(String.join(\"+\", args));\nSystem.exit(args.length);\n"), "a", "b", "c")
    assert result.stdout.strip() == "a+b+c"
    assert result.returncode == 3


def test_an_import_after_a_comment_keeps_the_scripts_arguments():
    result = djinn("run", script("// helpers\nimport java.util.concurrent.*;\nSystem.out.println(String.join(\"+\", args));\n"), "a", "b")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "a+b"


def test_jshell_through_a_pipe_trains_plots_and_inspects():
    commands = "\n".join([
        "var h = model().dense(8).relu().dense(2).train(data(new float[][] {{0, 1}, {1, 0}, {1, 1}, {0, 0}}, new int[] {1, 1, 0, 0}), epochs(3));",
        "plot(h)",
        "inspect(new float[] {1, 2, 3, Float.NaN})",
        "/exit",
    ]) + "\n"
    result = djinn("jshell", stdin=commands)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "the DSL and gpu(), plot(…), inspect(…) are imported" in out
    assert "Epoch 3/3  loss " in out, "the progress of each epoch"
    assert "● train" in out or "loss\n" in out, out
    assert "│" in out and "└" in out, "a Unicode chart"
    assert "array  shape (4)  float32" in out and "⚠ 1 NaN" in out


def test_the_jdk_jshell_can_use_the_startup_script_and_class_path():
    classpath = djinn("classpath").stdout.strip()
    startup = os.path.join(ROOT, "install", "target", "djinn", "lib", "djinn.jsh")
    result = subprocess.run(["jshell", "-R-Dai.djl.offline=true", "--class-path", classpath, "--startup", "DEFAULT",
                             "--startup", startup], input="System.out.println(\"version \" + version());\n/exit\n",
                            capture_output=True, text=True, timeout=120)
    assert "version 0.1.0-SNAPSHOT" in result.stdout, result.stdout + result.stderr


def test_jshell_in_a_terminal_redraws_one_progress_line():
    """Through a pseudo-terminal (util-linux script), as a user at a console sees it: the bar is redrawn with \\r."""
    commands = ("var d = fashionMnist().limit(20000, 1000);\n"
                "var h = model().dense(32).relu().dense(10).train(d, epochs(1));\n"
                "/exit\n")
    # the commands, then an open pipe while jshell works (an early end of input would end the session)
    feeder = subprocess.Popen(["bash", "-c", "printf '%s' \"$0\"; sleep 60", commands], stdout=subprocess.PIPE, text=True)
    terminal = subprocess.run(["script", "-qfc", DJINN + " jshell", "/dev/null"], stdin=feeder.stdout,
                              capture_output=True, timeout=120)
    feeder.kill()
    screen = terminal.stdout.decode("utf-8", "replace")  # bytes: text mode would turn every \r into \n
    assert "\rEpoch 1/1 [" in screen, screen[-2000:]
    assert "ETA" in screen and "samples/s" in screen


def test_scripts_and_jshell_run_with_the_kernels_jvm_options_unless_djinn_jvm_opts_replaces_them():
    show = "System.out.println(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());\n"
    defaults = djinn("run", script(show))
    assert defaults.returncode == 0, defaults.stderr
    for option in ("-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC", "-XX:MaxNewSize=160m"):
        assert option in defaults.stdout, defaults.stdout
    chosen = djinn("run", script(show), env={"DJINN_JVM_OPTS": "-Xmx300m"})
    assert "-Xmx300m" in chosen.stdout and "TieredStopAtLevel" not in chosen.stdout, chosen.stdout
    shell = djinn("jshell", "-q", stdin=show + "/exit\n")
    assert "-XX:TieredStopAtLevel=1" in shell.stdout, shell.stdout


def test_sessions_keep_mallocs_heap_padding_unless_the_user_sets_their_own():
    show = 'System.out.println("pad=" + System.getenv("MALLOC_TOP_PAD_"));\n'
    environment = {k: v for k, v in os.environ.items() if k != "MALLOC_TOP_PAD_"}
    padded = subprocess.run([DJINN, "run", script(show)], capture_output=True, text=True, timeout=300, env=environment)
    assert "pad=67108864" in padded.stdout, padded.stdout + padded.stderr
    chosen = djinn("run", script(show), env={"MALLOC_TOP_PAD_": "1048576"})
    assert "pad=1048576" in chosen.stdout, chosen.stdout


def test_a_script_that_trains_prints_no_jvm_warning_on_java_17_or_on_the_kernels_newer_java():
    # on Java 24+ the JVM warns about Spark's opened package Java 24 removed, about the native libraries DJL loads
    # (JNA, PyTorch) and about sun.misc.Unsafe unless the launcher passes the options each Java knows
    train = ("var net = model().dense(4).relu().dense(2);\n"
             "net.train(data(new float[][] {{0, 1}, {1, 0}, {1, 1}, {0, 0}}, new int[] {1, 1, 0, 0}), epochs(1));\n"
             "System.out.println(40 + 2);\n")
    kernel_java = KernelSpecManager().get_kernel_spec("djinn").env.get("JAVA_HOME")
    for java_home in [None] + ([kernel_java] if kernel_java else []):
        result = djinn("run", script(train), env={"JAVA_HOME": java_home} if java_home else None)
        assert result.returncode == 0, result.stderr
        assert result.stdout.endswith("42\n") and "Epoch 1/1" in result.stdout, result.stdout
        assert result.stderr == "", (java_home, result.stderr)
