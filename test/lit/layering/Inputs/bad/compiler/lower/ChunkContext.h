// A header internal to lower/.
