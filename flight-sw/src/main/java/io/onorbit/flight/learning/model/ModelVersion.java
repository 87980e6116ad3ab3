package io.onorbit.flight.learning.model;

import com.google.common.hash.Hashing;
import com.google.common.io.BaseEncoding;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Identity of one global model: a version number and the SHA-256 digest of its parameters
 * (IEEE-754 float32, little-endian, in layout order).
 *
 * @param version version number, &ge; 0, strictly increasing along a model's lineage
 * @param digest  32-byte SHA-256 of the parameters
 */
public record ModelVersion(long version, byte[] digest) {

    /** Digest length, bytes. */
    public static final int DIGEST_BYTES = 32;

    public ModelVersion {
        if (version < 0) {
            throw new IllegalArgumentException("model version " + version + " must be >= 0");
        }
        if (digest == null || digest.length != DIGEST_BYTES) {
            throw new IllegalArgumentException("model digest must be " + DIGEST_BYTES + " bytes");
        }
        digest = digest.clone();
    }

    /**
     * @param version version number
     * @param params  parameters in layout order
     * @return the identity of those parameters
     */
    public static ModelVersion of(long version, float[] params) {
        return new ModelVersion(version, digestOf(params));
    }

    /** @return SHA-256 of {@code params} as little-endian float32 */
    public static byte[] digestOf(float[] params) {
        // the bytes laid out first and hashed in one call: a hasher fed float by float makes one digest
        // update per float, which cost more than the hash itself (a model is hashed at every checkpoint,
        // delta, update and audit)
        byte[] bytes = new byte[params.length * Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(params);
        return Hashing.sha256().hashBytes(bytes).asBytes();
    }

    /** @return true if {@code params} hash to this version's digest */
    public boolean matches(float[] params) {
        return Arrays.equals(digest, digestOf(params));
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    /** @return the first 12 hex digits of the digest, for people */
    public String shortDigest() {
        return BaseEncoding.base16().lowerCase().encode(digest).substring(0, 12);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelVersion m && m.version == version && Arrays.equals(m.digest, digest);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(version) * 31 + Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return "v" + version + "@" + shortDigest();
    }
}
