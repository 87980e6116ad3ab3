package io.onorbit.orbit.archfixture;

import io.onorbit.ground.config.ConfigNode;
import java.util.Optional;

/** Architecture-test fixture: a typed value that keeps a YAML tree (forbidden). Not production code. */
public record KeptTree(String name, Optional<ConfigNode> unreadSection) {
}
