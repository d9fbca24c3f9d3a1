// The tooling tests run one at a time, except the three that grade a class (ClassGradingTests,
// RegradeTests, AutograderTests): each mostly waits on a grading command (a sandbox starting, one test
// host at a time), and together they were more than half of the tooling tests' time. They share only
// what the grader already shares safely between commands: the plan cache and the build folders, each
// behind its lock. Every other fixture runs before or after them, never beside them.
[assembly: NonParallelizable]
[assembly: LevelOfParallelism(3)]
