package io.onorbit.ground.config;

/** Number formatting shared by readers, matching {@link ConfigNode}'s range messages. */
final class ConfigNodeFormat {

    private ConfigNodeFormat() {
    }

    /** @return the number the way the user most likely wrote it */
    static String number(double x) {
        return ConfigNode.fmt(x);
    }
}
