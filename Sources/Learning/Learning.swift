// Learning
