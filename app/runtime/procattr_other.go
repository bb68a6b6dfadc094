//go:build !linux

package runtime

import "os/exec"

func setProcAttr(cmd *exec.Cmd) {}
