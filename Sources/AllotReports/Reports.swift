import Allot
