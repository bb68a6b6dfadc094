package cycle

import _ "example.com/cycle"
