// The tooling tests run one at a time, except the three that grade a class (ClassGradingTests,
// RegradeTests, AutograderTests): each mostly waits on one grading command at a time (a sandbox starting,
// a test host), and together they were more than half of the tooling tests' time. They share only what
// the grader already shares safely between commands: the plan cache and the build folders, each behind
// its lock. Every other fixture runs before or after them, never beside them — some change the test
// process's environment for their own commands (WarmRunTests points MNIST_DIR at an empty folder, which
// once left a class grade beside it without MNIST).
[assembly: NonParallelizable]
[assembly: LevelOfParallelism(3)]
