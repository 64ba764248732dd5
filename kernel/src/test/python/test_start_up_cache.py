"""The start-up cache install.sh trains: the installed kernel maps it and runs cells with it."""
import os
import re
import shutil
import subprocess

from jupyter_client.kernelspec import KernelSpecManager

from djinn_client import run, start

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))


def java_major(env):
    java = os.path.join(env["JAVA_HOME"], "bin", "java") if env.get("JAVA_HOME") else shutil.which("java")
    first = subprocess.run([java, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    return int(re.search(r'version "(?:1\.)?(\d+)', first).group(1))


def test_the_installed_kernel_starts_with_the_cache_the_installer_trained():
    env = KernelSpecManager().get_kernel_spec("djinn").env
    cache = env["DJINN_CACHE"]
    # Java 25+: the ahead-of-time cache (classes loaded and linked); 17-24: a CDS archive of the same session
    assert cache.endswith(".aot" if java_major(env) >= 25 else ".jsa"), env
    assert os.path.getsize(cache) > 10_000_000, cache
    km, kc = start("djinn")
    try:
        with open("/proc/%d/maps" % km.provisioner.process.pid) as maps:
            assert cache in maps.read(), "the kernel's JVM did not map " + cache
        reply, outputs = run(kc, "1+1")
        assert reply["content"]["status"] == "ok"
        assert [o for o in outputs if o[1] == "execute_result"][0][2]["data"]["text/plain"] == "2"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_a_kernel_installed_with_no_cache_has_none(tmp_path):
    subprocess.run(["bash", os.path.join(ROOT, "install", "install.sh"), "--no-build", "--no-deps", "--prefix", str(tmp_path),
                    "--name", "djinn-no-cache", "--no-cache"], check=True, capture_output=True)
    kernels = os.path.join(str(tmp_path), "share", "jupyter", "kernels")
    spec = KernelSpecManager(kernel_dirs=[kernels]).get_kernel_spec("djinn-no-cache")
    assert "DJINN_CACHE" not in spec.env, spec.env


def test_a_cache_older_than_the_jars_is_left_out_with_one_clear_line(tmp_path):
    # a rebuild after install.sh: the JVM would refuse the old cache with four lines of errors at every start
    env = dict(KernelSpecManager().get_kernel_spec("djinn").env)
    stale = tmp_path / ("kernel-old" + os.path.splitext(env["DJINN_CACHE"])[1])
    stale.write_bytes(b"trained on other jars")
    os.utime(stale, (946684800, 946684800))  # 2000-01-01
    launcher = os.path.join(ROOT, "install", "target", "djinn", "bin", "djinn")
    result = subprocess.run([launcher, "kernel", str(tmp_path / "absent-connection.json")], capture_output=True, text=True,
                            timeout=120, env={**os.environ, **env, "DJINN_CACHE": str(stale)})
    assert "the start-up cache is older than Djinn's jars (rebuilt since install.sh?)" in result.stderr, result.stderr
    assert "[aot]" not in result.stderr and "[cds]" not in result.stderr, result.stderr
