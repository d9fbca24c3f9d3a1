namespace Kata.Instructor.Gradebook;

/// <summary>The gradebooks <c>--format</c> writes for.</summary>
public enum GradebookFormat
{
    /// <summary>Canvas's gradebook import: Student, ID, SIS User ID, SIS Login ID, Section, the assignment; a Points Possible row.</summary>
    Canvas,

    /// <summary>Moodle's grade import (Grades → Import → CSV file): Email address, ID number, the grade item.</summary>
    Moodle,
}
