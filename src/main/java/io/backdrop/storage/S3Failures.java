package io.backdrop.storage;

import java.io.IOException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Turns the SDK's exceptions into the errors a user can act on, each naming the location. */
final class S3Failures {

    private S3Failures() {
    }

    static IOException explain(S3Location location, SdkException failure) {
        if (failure instanceof NoSuchKeyException || failure instanceof NoSuchBucketException) {
            return withCause(new SourceNotFoundException(location.toString()), failure);
        }
        if (failure instanceof S3Exception s3) {
            // HEAD answers carry no error body, so a missing bucket or key shows only as its status.
            if (s3.statusCode() == 404) {
                return withCause(new SourceNotFoundException(location.toString()), failure);
            }
            if (s3.statusCode() == 403) {
                return new IOException("access denied: " + location, failure);
            }
            String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            return new IOException("S3 refused " + location + ": HTTP " + s3.statusCode()
                    + (code == null ? "" : " " + code), failure);
        }
        return new IOException("S3 request failed for " + location + ": " + failure.getMessage(), failure);
    }

    static boolean isNotFound(SdkException failure) {
        return failure instanceof NoSuchKeyException
                || failure instanceof NoSuchBucketException
                || failure instanceof S3Exception s3 && s3.statusCode() == 404;
    }

    private static IOException withCause(IOException error, Throwable cause) {
        error.initCause(cause);
        return error;
    }
}
