package io.coinlake.train;

/**
 * An estimator of a candidate's pipeline that reads its input columns itself rather than the
 * vector the pipeline's VectorAssembler builds. {@link Candidate#fit} fits such a pipeline stage by
 * stage and does not run the transformers before it on the training rows: Spark's VectorAssembler
 * counts as non-deterministic to the optimizer, so its vectors would be built for every training
 * row even though nothing reads them. The fitted model still scores the assembled vector.
 */
interface ReadsInputColumns {}
