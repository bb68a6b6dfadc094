package runtime

import (
	"os/exec"
	"syscall"
)

// setProcAttr puts the kernel in its own process group, so a Ctrl-C meant for `cairn run`
// reaches the app (which interrupts the cell) rather than killing the kernel outright, and has
// the kernel killed if the app dies.
func setProcAttr(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
