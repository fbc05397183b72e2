package io.backdrop.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

/**
 * The listing that gives S3 identities a page at a time, against S3Proxy (whose listing reads
 * every key under the prefix asked for), with pages of 10 keys so that a catalog of 100 keys has
 * the shape of a large one.
 */
class S3KeyListingTest {

    private static final String BUCKET = "listing-test";
    private static final int PAGE = 10;

    @RegisterExtension
    static final S3ServerExtension S3PROXY = S3ServerExtension.s3Proxy(BUCKET);

    /** The listings asked for, as the S3 client sent them. */
    private final List<ListObjectsV2Request> listings = new CopyOnWriteArrayList<>();
    /** The listings the client fails, as S3 or the network might. */
    private Predicate<ListObjectsV2Request> failing = request -> false;
    private final S3KeyListing listing = new S3KeyListing(this::recordingClient, Clock.systemUTC(), PAGE);

    @BeforeAll
    static void catalog() {
        for (int row = 0; row < 100; row++) {
            put(String.format("cat/row-%03d.png", row), "photo " + row);
        }
        put("cat/zz-last.png", "the last photo");
        put("cat/sub/row-000.png", "in another folder");
    }

    @Test
    void rowsInKeyOrderFindEachNextPageListedAheadUnderTheLongerPrefixTheirKeysShareAndEveryIdentityIsRight()
            throws InterruptedException {
        for (int row = 0; row < 100; row++) {
            String key = String.format("cat/row-%03d.png", row);
            assertThat(listing.identity(new S3Location(BUCKET, key))).as(key).contains(stored(key));
        }
        // The page after the last is listed ahead too (and holds nothing): wait for it.
        for (int wait = 0; wait < 100 && listings.size() < 11; wait++) {
            Thread.sleep(50);
        }

        assertThat(listings).hasSize(11);
        // The first page is asked for under the folder; row-000 to row-009 share "cat/row-00", so
        // the next is asked for under "cat/row-01", where the key asked for starts.
        assertThat(listings.get(0).prefix()).isEqualTo("cat/");
        assertThat(listings.get(0).startAfter()).isEqualTo("cat/row-000.pn");
        assertThat(listings.get(1).prefix()).isEqualTo("cat/row-01");
        assertThat(listings.get(1).startAfter()).isEqualTo("cat/row-010.pn");
        // From then on, with the rows in key order, each page is asked for where the one before
        // ended, before any row reaches it: under "cat/row-0" after "cat/row-01" ran out.
        for (int page = 2; page < 11; page++) {
            assertThat(listings.get(page).prefix()).as("page %d", page).isEqualTo(page < 10 ? "cat/row-0" : "cat/row-");
            assertThat(listings.get(page).startAfter()).as("page %d", page).isEqualTo(String.format("cat/row-0%d9.png", page - 1));
        }
    }

    @Test
    void aPageWhoseListingAheadFailedIsListedAgainWhenTheRowsReachItAndTheFailureReachesNoRow() {
        // Every listing ahead starts after a listed key (".png"); those asked for a row start
        // after the key less its last character.
        failing = request -> request.startAfter().endsWith(".png");

        for (int row = 0; row < 100; row++) {
            String key = String.format("cat/row-%03d.png", row);
            assertThat(listing.identity(new S3Location(BUCKET, key))).as(key).contains(stored(key));
        }

        // Each page from the third on was asked for ahead, failed, and was listed for its first row.
        for (int page = 2; page < 10; page++) {
            String firstKeyLessItsLastCharacter = String.format("cat/row-0%d0.pn", page);
            assertThat(listings).as("page %d", page).anyMatch(request -> request.startAfter().equals(firstKeyLessItsLastCharacter));
        }
    }

    @Test
    void aKeyOutsideTheLongerPrefixIsStillFoundAndAKeyTheCoveredRangeLacksIsLeftToS3() {
        String first = "cat/row-000.png";
        assertThat(listing.identity(new S3Location(BUCKET, first))).contains(stored(first));
        // Within the first page's range but not in it: not taken as missing, asked of S3 itself.
        assertThat(listing.identity(new S3Location(BUCKET, "cat/row-005a.png"))).isEmpty();
        assertThat(listings).hasSize(1);

        String last = "cat/zz-last.png";
        assertThat(listing.identity(new S3Location(BUCKET, last))).contains(stored(last));
        assertThat(listings.get(1).prefix()).isEqualTo("cat/zz-las");

        // That page held one key: too narrow, so the next page is listed under the folder again.
        String middle = "cat/row-050.png";
        assertThat(listing.identity(new S3Location(BUCKET, middle))).contains(stored(middle));
        assertThat(listings.get(2).prefix()).isEqualTo("cat/");
    }

    @Test
    void aKeyOfAnotherFolderIsListedUnderItsOwnFolder() {
        String key = "cat/sub/row-000.png";
        assertThat(listing.identity(new S3Location(BUCKET, key))).contains(stored(key));
        assertThat(listings).extracting(ListObjectsV2Request::prefix).containsExactly("cat/sub/");
    }

    private static void put(String key, String content) {
        S3PROXY.client().putObject(request -> request.bucket(BUCKET).key(key), RequestBody.fromString(content));
    }

    private static String stored(String key) {
        HeadObjectResponse head = S3PROXY.client().headObject(request -> request.bucket(BUCKET).key(key));
        return S3SourceStore.identity(head.eTag(), head.contentLength());
    }

    private S3Client recordingClient() {
        S3Client s3 = S3PROXY.client();
        return new S3Client() {
            @Override
            public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
                listings.add(request);
                if (failing.test(request)) {
                    throw SdkClientException.create("connection reset");
                }
                return s3.listObjectsV2(request);
            }

            @Override
            public String serviceName() {
                return s3.serviceName();
            }

            @Override
            public void close() {
                // the extension's client, closed with the server
            }
        };
    }
}
