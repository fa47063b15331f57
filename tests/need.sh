# tests/need.sh — sourced by the test scripts (POSIX sh).
#
# `make test` never installs anything: a tool the suite needs that is missing
# makes its group FAIL with the Debian package to install.  `sh tests/deps.sh
# test` (run by tests/all.sh and CI) installs the whole list at once.

# need COMMAND PACKAGE: COMMAND is on PATH, or say which package has it (exit 1).
need() {
    command -v "$1" >/dev/null 2>&1 && return 0
    echo "FAIL: '$1' is not installed: it comes with the Debian package $2" \
         "(apt-get install $2, or sh tests/deps.sh test for everything the suite needs)"
    return 1
}

# python_with MODULE PACKAGE: print a python3 that can import MODULE, or say
# which package provides it (exit 1).
python_with() {
    need python3 python3 >&2 || return 1
    # the python3 first on PATH may be another install (pyenv) that does not
    # see Debian's python3-* packages: then Debian's own python3
    for py in "$(command -v python3)" /usr/bin/python3; do
        if [ -x "$py" ] && "$py" -c "import $1" 2>/dev/null; then
            echo "$py"
            return 0
        fi
    done
    echo "FAIL: python3 cannot import $1: it comes with the Debian package $2" \
         "(apt-get install $2, or sh tests/deps.sh test for everything the suite needs)" >&2
    return 1
}
