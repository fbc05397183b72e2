package io.backdrop.job;

import io.backdrop.support.TestDatabase;
import java.nio.file.Path;

class FaultToleranceH2Test extends FaultToleranceContract {

    @Override
    protected TestDatabase database(Path work) {
        return TestDatabase.h2(work);
    }
}
