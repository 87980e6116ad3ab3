package io.onorbit.flight.learning;

import java.nio.ByteBuffer;

/**
 * Writes and reads the arrays of a learner's saved adaptation state ({@link OnboardTrainer#saveAdaptation}) at a
 * buffer's position, element by element in the buffer's byte order, advancing it; the reader fills an array of the
 * length written (the state's sizes come from the settings, which both sides share).
 */
final class SavedArrays {

    private SavedArrays() {
    }

    static void put(ByteBuffer out, float[] values) {
        for (float v : values) {
            out.putFloat(v);
        }
    }

    static void get(ByteBuffer in, float[] values) {
        for (int k = 0; k < values.length; k++) {
            values[k] = in.getFloat();
        }
    }

    static void put(ByteBuffer out, double[] values) {
        for (double v : values) {
            out.putDouble(v);
        }
    }

    static void get(ByteBuffer in, double[] values) {
        for (int k = 0; k < values.length; k++) {
            values[k] = in.getDouble();
        }
    }
}
