package main

import (
	"context"
	"errors"
)

var errNotYet = errors.New("not built yet")

func cmdServe(context.Context, env, []string) error { return errNotYet }
