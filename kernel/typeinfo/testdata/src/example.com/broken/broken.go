package broken

func Half(x int) string {
	return x / 2
}
